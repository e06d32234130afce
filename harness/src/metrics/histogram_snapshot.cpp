#include "gauntlet/harness/metrics/histogram_snapshot.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace gauntlet::metrics {

double HistogramSnapshot::quantile(double q) const noexcept {
  if (count == 0 || !(q >= 0.0 && q <= 1.0)) return std::numeric_limits<double>::quiet_NaN();
  const double wanted = std::ceil(q * static_cast<double>(count));
  const std::uint64_t rank = wanted < 1.0 ? 1 : static_cast<std::uint64_t>(wanted);
  if (rank == 1) return min;
  if (rank >= count) return max;
  std::uint64_t seen = 0;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    seen += counts[i];
    if (seen >= rank) return std::clamp(layout.representative(first_index + i), min, max);
  }
  return max;  // unreachable while count == sum of counts
}

std::uint64_t HistogramSnapshot::cumulative_count(double bound) const noexcept {
  if (count == 0 || std::isnan(bound)) return 0;
  if (bound >= max) return count;
  const std::size_t j = layout.index(bound);
  // bound < max here, so the overflow bucket holds a larger value.
  const std::size_t last = j == layout.overflow_index() ? j : j + 1;  // one past the last bucket counted
  std::uint64_t total = 0;
  for (std::size_t i = 0; i < counts.size() && first_index + i < last; ++i) total += counts[i];
  return total;
}

std::vector<std::uint64_t> HistogramSnapshot::cumulative_counts(const std::vector<double>& bounds) const {
  std::vector<std::uint64_t> out(bounds.size(), 0);
  if (count == 0) return out;
  std::size_t i = 0;        // next stored bucket to add
  std::uint64_t total = 0;  // observations in stored buckets before i
  for (std::size_t k = 0; k < bounds.size(); ++k) {
    const double bound = bounds[k];
    if (std::isnan(bound)) continue;
    if (bound >= max) {
      out[k] = count;
      continue;
    }
    const std::size_t j = layout.index(bound);
    const std::size_t last = j == layout.overflow_index() ? j : j + 1;
    // Plain ranges (no per-element conditions), so the sum vectorises.
    const std::size_t end = last <= first_index ? 0 : std::min(counts.size(), last - first_index);
    if (end > i) {
      total = std::accumulate(counts.begin() + static_cast<std::ptrdiff_t>(i),
                              counts.begin() + static_cast<std::ptrdiff_t>(end), total);
      i = end;
    }
    out[k] = total;
  }
  return out;
}

double HistogramSnapshot::mean() const noexcept {
  return count == 0 ? std::numeric_limits<double>::quiet_NaN() : sum / static_cast<double>(count);
}

std::uint64_t HistogramSnapshot::bucket_count(std::size_t index) const noexcept {
  if (index < first_index || index - first_index >= counts.size()) return 0;
  return counts[index - first_index];
}

Status HistogramSnapshot::merge(const HistogramSnapshot& other) {
  if (!(layout == other.layout)) {
    return Error(ErrorCode::kInvalidArgument, "cannot merge histograms with different bucket layouts (lowest/highest)");
  }
  rejected += other.rejected;
  if (other.count == 0) return Status::Ok();
  if (count == 0) {
    min = other.min;
    max = other.max;
  } else {
    min = std::min(min, other.min);
    max = std::max(max, other.max);
  }
  count += other.count;
  sum += other.sum;
  if (counts.empty()) {
    first_index = other.first_index;
    counts = other.counts;
    return Status::Ok();
  }
  const std::size_t lo = std::min(first_index, other.first_index);
  const std::size_t hi = std::max(first_index + counts.size(), other.first_index + other.counts.size());
  if (lo != first_index || hi != first_index + counts.size()) {
    std::vector<std::uint64_t> widened(hi - lo, 0);
    std::copy(counts.begin(), counts.end(), widened.begin() + static_cast<std::ptrdiff_t>(first_index - lo));
    counts = std::move(widened);
    first_index = lo;
  }
  for (std::size_t i = 0; i < other.counts.size(); ++i) counts[other.first_index - first_index + i] += other.counts[i];
  return Status::Ok();
}

}  // namespace gauntlet::metrics
