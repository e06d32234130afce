#include "gauntlet/harness/stats/change_point.h"

#include "gauntlet/harness/stats/seeded_random.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

namespace gauntlet::stats {
namespace {

struct Split {
  std::size_t offset = 0;  // within the segment
  double q = -1;
};

// Best split of `v` by the energy statistic
// Q(t) = t(n-t)/n * (2/(t(n-t)) A - 1/C(t,2) L - 1/C(n-t,2) R), where A sums
// |xi - xj| across the split and L, R within each side.
Split best_split(const std::vector<double>& v, std::size_t min_seg) {
  const std::size_t n = v.size();
  Split best;
  if (n < 2 * min_seg) return best;
  std::vector<double> to_left(n, 0.0), to_right(n, 0.0);
  double total = 0;
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j) {
      const double d = std::fabs(v[i] - v[j]);
      to_left[j] += d;
      to_right[i] += d;
      total += d;
    }
  double left = 0, right = total;
  for (std::size_t t = 1; t < n; ++t) {
    // Move point t-1 from the right side to the left side.
    left += to_left[t - 1];
    right -= to_right[t - 1];
    if (t < min_seg || n - t < min_seg) continue;
    const double across = total - left - right;
    const double tl = static_cast<double>(t), tr = static_cast<double>(n - t);
    const double within_left = tl > 1 ? left / (tl * (tl - 1) / 2) : 0.0;
    const double within_right = tr > 1 ? right / (tr * (tr - 1) / 2) : 0.0;
    const double q = tl * tr / static_cast<double>(n) * (2.0 * across / (tl * tr) - within_left - within_right);
    if (q > best.q) best = {t, q};
  }
  return best;
}

double mean_of(std::span<const double> s, std::size_t from, std::size_t to) {
  return std::accumulate(s.begin() + static_cast<std::ptrdiff_t>(from), s.begin() + static_cast<std::ptrdiff_t>(to),
                         0.0) /
         static_cast<double>(to - from);
}

}  // namespace

Result<std::vector<ChangePoint>> detect_change_points(std::span<const double> series,
                                                      const ChangePointOptions& options) {
  if (options.min_segment < 2 || options.permutations < 19 || !(options.alpha > 0 && options.alpha < 1))
    return Error(ErrorCode::kInvalidArgument,
                 "change points: need min_segment >= 2, permutations >= 19 and alpha in (0, 1)");
  if (std::any_of(series.begin(), series.end(), [](double d) { return !std::isfinite(d); }))
    return Error(ErrorCode::kInvalidArgument, "change points: series holds a non-finite value");

  const auto min_seg = static_cast<std::size_t>(options.min_segment);
  SeededRandom rng(options.seed);
  std::vector<std::size_t> bounds{0, series.size()};  // sorted segment boundaries
  std::vector<ChangePoint> found;
  for (;;) {
    // The strongest candidate over all current segments.
    Split best;
    std::size_t seg_begin = 0, seg_end = 0;
    for (std::size_t s = 0; s + 1 < bounds.size(); ++s) {
      std::vector<double> seg(series.begin() + static_cast<std::ptrdiff_t>(bounds[s]),
                              series.begin() + static_cast<std::ptrdiff_t>(bounds[s + 1]));
      const Split sp = best_split(seg, min_seg);
      if (sp.q > best.q) {
        best = sp;
        seg_begin = bounds[s];
        seg_end = bounds[s + 1];
      }
    }
    if (best.q <= 0) break;
    // Permutation test within that segment.
    std::vector<double> seg(series.begin() + static_cast<std::ptrdiff_t>(seg_begin),
                            series.begin() + static_cast<std::ptrdiff_t>(seg_end));
    int at_least = 0;
    for (int p = 0; p < options.permutations; ++p) {
      for (std::size_t i = seg.size() - 1; i > 0; --i) std::swap(seg[i], seg[rng.below(i + 1)]);
      if (best_split(seg, min_seg).q >= best.q) ++at_least;
    }
    const double p_value = (at_least + 1.0) / (options.permutations + 1.0);
    if (p_value > options.alpha) break;
    const std::size_t index = seg_begin + best.offset;
    found.push_back({index, mean_of(series, seg_begin, index), mean_of(series, index, seg_end), p_value});
    bounds.insert(std::upper_bound(bounds.begin(), bounds.end(), index), index);
  }
  std::sort(found.begin(), found.end(), [](const ChangePoint& a, const ChangePoint& b) { return a.index < b.index; });
  return found;
}

}  // namespace gauntlet::stats
