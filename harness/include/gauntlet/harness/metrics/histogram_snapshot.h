#pragma once
/// HistogramOptions and HistogramSnapshot: a histogram's configuration and a
/// consistent, plain-data copy of its state.
#include "gauntlet/harness/error.h"
#include "gauntlet/harness/metrics/detail/log_linear_layout.h"

#include <cstddef>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

namespace gauntlet::metrics {

/// Configuration of a Histogram. Values are non-negative doubles in the
/// histogram's own unit (Timer records nanoseconds).
struct HistogramOptions {
  /// Smallest value resolved to 1%; smaller values share bucket 0.
  double lowest = 1.0;
  /// Largest value resolved to 1%; larger finite values go to an overflow
  /// bucket (their exact max is still kept). Default: one hour in ns.
  double highest = 3.6e12;
  /// `le` boundaries for Prometheus/OpenMetrics exposition, ascending. Empty:
  /// every power of two between the bottom and top in-range bucket edges
  /// (1, 2, 4, ... 2^41 for the defaults); those are bucket edges, so their
  /// cumulative counts are exact. See HistogramSnapshot::cumulative_count for
  /// explicit bounds that fall inside a bucket.
  std::vector<double> export_bounds;

  /// Shorthand for {lowest, highest, export_bounds} (g++ 12 warns on
  /// designated initializers that leave members out).
  static HistogramOptions range(double lowest, double highest, std::vector<double> export_bounds = {}) {
    return HistogramOptions{lowest, highest, std::move(export_bounds)};
  }

  /// kInvalidArgument unless 0 < lowest < highest (finite) and export_bounds
  /// are finite, positive and strictly ascending.
  Status validate() const;
  /// The effective `le` boundaries (explicit, or the power-of-two default).
  std::vector<double> effective_export_bounds() const;

  friend bool operator==(const HistogramOptions&, const HistogramOptions&) = default;
};

/// A consistent copy of a histogram: `count` is exactly the sum of the bucket
/// counts, and `sum`, `min`, `max` describe exactly the same observations.
struct HistogramSnapshot {
  explicit HistogramSnapshot(const detail::LogLinearLayout& bucket_layout) : layout(bucket_layout) {}

  detail::LogLinearLayout layout;
  std::uint64_t count = 0;
  double sum = 0.0;
  /// NaN when empty.
  double min = std::numeric_limits<double>::quiet_NaN();
  double max = std::numeric_limits<double>::quiet_NaN();
  /// Inputs refused by the policy (NaN, negative, infinite); never in count.
  std::uint64_t rejected = 0;
  /// Counts of buckets first_index .. first_index + counts.size() - 1; every
  /// bucket outside that range is empty.
  std::size_t first_index = 0;
  std::vector<std::uint64_t> counts;

  /// The q-quantile, q in [0, 1], by the nearest-rank rule: the value of the
  /// observation of rank max(1, ceil(q * count)) in ascending order, reported
  /// as its bucket's midpoint clamped to [min, max] (so q=0 gives min, q=1
  /// gives max exactly). NaN when empty or q is outside [0, 1] or NaN.
  double quantile(double q) const noexcept;
  /// The `le` count: observations in every bucket up to and including the
  /// one that holds `bound` (all of them once bound >= max). Exact when
  /// `bound` is a bucket edge (the default export bounds) and for values
  /// equal to the bound; otherwise values above the bound but in its bucket
  /// (less than 1.6% above it) are counted too.
  std::uint64_t cumulative_count(double bound) const noexcept;
  /// cumulative_count of each of `bounds` (ascending), in one pass.
  std::vector<std::uint64_t> cumulative_counts(const std::vector<double>& bounds) const;
  /// sum / count, NaN when empty.
  double mean() const noexcept;
  /// Adds `other` in. kInvalidArgument if the bucket layouts differ.
  Status merge(const HistogramSnapshot& other);
  /// Count of bucket `index` (0 outside the stored range).
  std::uint64_t bucket_count(std::size_t index) const noexcept;
};

}  // namespace gauntlet::metrics
