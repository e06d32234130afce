#pragma once
/// Seeded bootstrap confidence interval of the ratio of medians.
#include "gauntlet/harness/error.h"

#include <cstdint>
#include <span>

namespace gauntlet::stats {

struct RatioInterval {
  double estimate = 0;  ///< median(current) / median(baseline)
  double low = 0;       ///< lower percentile bound
  double high = 0;      ///< upper percentile bound
};

struct BootstrapOptions {
  std::uint64_t seed = 1;    ///< every resample derives from this seed
  int resamples = 2000;      ///< bootstrap replicates
  double confidence = 0.95;  ///< two-sided coverage, in (0, 1)
};

/// Percentile bootstrap of median(current)/median(baseline), each sample
/// resampled with replacement independently. The same inputs and seed give
/// the same interval on every platform (own integer sampling, no
/// std::uniform_int_distribution). Errors: kInvalidArgument for empty samples,
/// a non-positive baseline median, resamples < 100 or confidence outside (0, 1).
Result<RatioInterval> bootstrap_ratio_of_medians(std::span<const double> baseline, std::span<const double> current,
                                                 const BootstrapOptions& options);

/// Values that come in clusters, e.g. one cluster per benchmark process:
/// `clusters[i]` labels `values[i]` (any ints; equal labels, same cluster).
struct ClusteredSample {
  std::span<const double> values;
  std::span<const int> clusters;
};

/// Two-stage (cluster) bootstrap of median(current)/median(baseline): each
/// resample draws a side's clusters with replacement, then values within each
/// drawn cluster with replacement, and takes the median of the pooled draw.
/// A process that runs 5% slower throughout then widens the interval instead
/// of counting as many independent samples. A side with one cluster is
/// resampled exactly as bootstrap_ratio_of_medians does (same seed, same
/// interval). Errors: as bootstrap_ratio_of_medians, and kInvalidArgument when
/// a side's label count differs from its value count.
Result<RatioInterval> bootstrap_ratio_of_medians(const ClusteredSample& baseline, const ClusteredSample& current,
                                                 const BootstrapOptions& options);

}  // namespace gauntlet::stats
