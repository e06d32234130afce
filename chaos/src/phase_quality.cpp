#include "phase_quality.h"

#include <algorithm>
#include <cmath>

#include "gauntlet/harness/stats/quantile_interval.h"

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
  const std::size_t n = sorted.size();
  auto at_rank = [&](std::uint64_t rank) {  // 1-based rank, clamped to the sample
    return sorted[std::clamp<std::uint64_t>(rank, 1, n) - 1];
  };
  const auto interval = stats::quantile_rank_interval(n, q);
  const stats::QuantileRanks ranks = interval.ok() ? *interval : stats::QuantileRanks{};
  const auto nearest = static_cast<std::uint64_t>(std::ceil(q * static_cast<double>(n)));
  return {at_rank(nearest), at_rank(ranks.low == 0 ? 1 : ranks.low), at_rank(ranks.high == 0 ? n : ranks.high)};
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
