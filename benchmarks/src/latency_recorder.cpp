#include "gauntlet/bench/latency_recorder.h"

#include "gauntlet/harness/stats/quantile_interval.h"

#include <limits>

namespace gauntlet::bench {

LatencyRecorder::LatencyRecorder(const Clock& clock) : clock_(clock) {}

std::uint64_t LatencyRecorder::count() const { return histogram_.snapshot().count; }

QuantileBounds quantile_bounds(const metrics::HistogramSnapshot& snapshot, double q) {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  const auto ranks = stats::quantile_rank_interval(snapshot.count, q);
  if (!ranks.ok() || snapshot.count == 0) return {kNaN, kNaN};
  // The value of rank r: quantile((r - 0.5) / n) picks rank ceil(r - 0.5) = r
  // by the nearest-rank rule without rounding r / n * n up to r + 1.
  const double n = static_cast<double>(snapshot.count);
  auto at_rank = [&](std::uint64_t r) { return r == 0 ? kNaN : snapshot.quantile((static_cast<double>(r) - 0.5) / n); };
  return {at_rank(ranks->low), at_rank(ranks->high)};
}

double LatencyRecorder::quantile_ns(double q) const { return histogram_.snapshot().quantile(q); }

}  // namespace gauntlet::bench
