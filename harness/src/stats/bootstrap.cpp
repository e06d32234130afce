#include "gauntlet/harness/stats/bootstrap.h"

#include "gauntlet/harness/stats/location_shift.h"
#include "gauntlet/harness/stats/seeded_random.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <vector>

namespace gauntlet::stats {
namespace {

// A sample as its clusters; one cluster resamples like a plain sample.
using Clusters = std::vector<std::vector<double>>;

Clusters group(const ClusteredSample& sample) {
  std::map<int, std::vector<double>> by_label;
  for (std::size_t i = 0; i < sample.values.size(); ++i) by_label[sample.clusters[i]].push_back(sample.values[i]);
  Clusters out;
  for (auto& [label, values] : by_label) out.push_back(std::move(values));
  return out;
}

double resampled_median(const Clusters& clusters, SeededRandom& rng, std::vector<double>& buffer) {
  buffer.clear();
  for (std::size_t k = 0; k < clusters.size(); ++k) {
    const auto& cluster = clusters.size() == 1 ? clusters[0] : clusters[rng.below(clusters.size())];
    for (std::size_t i = 0; i < cluster.size(); ++i) buffer.push_back(cluster[rng.below(cluster.size())]);
  }
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
  const std::vector<int> base_labels(baseline.size(), 0), cur_labels(current.size(), 0);
  return bootstrap_ratio_of_medians(ClusteredSample{baseline, base_labels}, ClusteredSample{current, cur_labels},
                                    options);
}

Result<RatioInterval> bootstrap_ratio_of_medians(const ClusteredSample& baseline, const ClusteredSample& current,
                                                 const BootstrapOptions& options) {
  if (baseline.values.empty() || current.values.empty())
    return Error(ErrorCode::kInvalidArgument, "bootstrap: both samples need at least one value");
  if (baseline.clusters.size() != baseline.values.size() || current.clusters.size() != current.values.size())
    return Error(ErrorCode::kInvalidArgument, "bootstrap: every value needs one cluster label");
  if (options.resamples < 100) return Error(ErrorCode::kInvalidArgument, "bootstrap: resamples must be >= 100");
  if (!(options.confidence > 0 && options.confidence < 1))
    return Error(ErrorCode::kInvalidArgument, "bootstrap: confidence must lie in (0, 1)");
  RatioInterval out;
  const double base_median = median(baseline.values);
  if (!(base_median > 0)) return Error(ErrorCode::kInvalidArgument, "bootstrap: baseline median must be positive");
  out.estimate = median(current.values) / base_median;

  const Clusters base_clusters = group(baseline), cur_clusters = group(current);
  SeededRandom rng(options.seed);
  std::vector<double> ratios;
  ratios.reserve(static_cast<std::size_t>(options.resamples));
  std::vector<double> buffer;
  for (int i = 0; i < options.resamples; ++i) {
    const double b = resampled_median(base_clusters, rng, buffer);
    const double c = resampled_median(cur_clusters, rng, buffer);
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
