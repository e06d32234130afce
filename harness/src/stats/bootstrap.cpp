#include "gauntlet/harness/stats/bootstrap.h"

#include "gauntlet/harness/stats/location_shift.h"
#include "gauntlet/harness/stats/seeded_random.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace gauntlet::stats {
namespace {

double resampled_median(std::span<const double> sample, SeededRandom& rng, std::vector<double>& buffer) {
  buffer.resize(sample.size());
  for (double& v : buffer) v = sample[rng.below(sample.size())];
  const std::size_t mid = buffer.size() / 2;
  std::nth_element(buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(mid), buffer.end());
  const double upper = buffer[mid];
  if (buffer.size() % 2 == 1) return upper;
  return (upper + *std::max_element(buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(mid))) / 2.0;
}

// Quantile of sorted values with linear interpolation (R's type 7).
double quantile_sorted(const std::vector<double>& sorted, double q) {
  const double pos = q * static_cast<double>(sorted.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(pos));
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (pos - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

}  // namespace

Result<RatioInterval> bootstrap_ratio_of_medians(std::span<const double> baseline, std::span<const double> current,
                                                 const BootstrapOptions& options) {
  if (baseline.empty() || current.empty())
    return Error(ErrorCode::kInvalidArgument, "bootstrap: both samples need at least one value");
  if (options.resamples < 100) return Error(ErrorCode::kInvalidArgument, "bootstrap: resamples must be >= 100");
  if (!(options.confidence > 0 && options.confidence < 1))
    return Error(ErrorCode::kInvalidArgument, "bootstrap: confidence must lie in (0, 1)");
  RatioInterval out;
  const double base_median = median(baseline);
  if (!(base_median > 0)) return Error(ErrorCode::kInvalidArgument, "bootstrap: baseline median must be positive");
  out.estimate = median(current) / base_median;

  SeededRandom rng(options.seed);
  std::vector<double> ratios;
  ratios.reserve(static_cast<std::size_t>(options.resamples));
  std::vector<double> buffer;
  for (int i = 0; i < options.resamples; ++i) {
    const double b = resampled_median(baseline, rng, buffer);
    const double c = resampled_median(current, rng, buffer);
    if (b > 0) ratios.push_back(c / b);
  }
  if (ratios.empty()) return Error(ErrorCode::kInvalidArgument, "bootstrap: every resampled baseline median was zero");
  std::sort(ratios.begin(), ratios.end());
  const double tail = (1.0 - options.confidence) / 2.0;
  out.low = quantile_sorted(ratios, tail);
  out.high = quantile_sorted(ratios, 1.0 - tail);
  return out;
}

}  // namespace gauntlet::stats
