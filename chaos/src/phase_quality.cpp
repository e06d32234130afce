#include "phase_quality.h"

#include <algorithm>
#include <cmath>

namespace gauntlet::chaos {

std::string_view to_string(SampleQuality quality) noexcept {
  switch (quality) {
    case SampleQuality::kNone:
      return "none";
    case SampleQuality::kPoor:
      return "poor";
    case SampleQuality::kFair:
      return "fair";
    case SampleQuality::kGood:
      return "good";
  }
  return "none";
}

namespace detail {

QuantileEstimate quantile_estimate(const std::vector<Nanos>& sorted, double q) {
  if (sorted.empty()) return {};
  const double n = static_cast<double>(sorted.size());
  auto at_rank = [&](double rank) {  // 1-based rank, clamped
    const auto r = static_cast<std::size_t>(std::clamp(rank, 1.0, n));
    return sorted[r - 1];
  };
  const double spread = 1.96 * std::sqrt(n * q * (1 - q));
  return {at_rank(std::ceil(q * n)), at_rank(std::floor(n * q - spread)), at_rank(std::ceil(n * q + spread) + 1)};
}

SampleQuality grade(std::size_t samples, const QuantileEstimate& p99) {
  if (samples == 0) return SampleQuality::kNone;
  const double value = static_cast<double>(std::max<Nanos>(p99.value, 1));
  const double excess = static_cast<double>(p99.high - p99.value) / value;
  if (samples >= 1000 && excess <= 0.25) return SampleQuality::kGood;
  if (samples >= 100 && excess <= 1.0) return SampleQuality::kFair;
  return SampleQuality::kPoor;
}

}  // namespace detail
}  // namespace gauntlet::chaos
