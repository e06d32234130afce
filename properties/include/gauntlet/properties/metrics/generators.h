#pragma once
/// Generators and exact reference computations for the metrics suite.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <rapidcheck.h>

#include "gauntlet/properties/edge_generators.h"
#include "gauntlet/properties/metrics/adapter.h"

namespace gauntlet::properties::metrics::detail {

/// Values on a quarter grid inside the declared range (sums of them are exact
/// in a double), half of the time an edge: the range's ends, 1, and a quarter
/// either side of each.
inline rc::Gen<double> gen_value(const MetricsCapabilities& caps) {
  const double lo = std::ceil(caps.min_value * 4) / 4;
  const double hi = std::min(std::floor(caps.max_value * 4) / 4, lo + 1e6);
  const int steps = std::max(1, static_cast<int>((hi - lo) * 4));
  std::vector<double> edges;
  for (double v : {lo, lo + 0.25, 1.0 - 0.25, 1.0, 1.0 + 0.25, hi - 0.25, hi}) {
    if (v >= lo && v <= hi) edges.push_back(v);
  }
  return edges::biased(edges, rc::gen::map(rc::gen::inRange(0, steps + 1), [lo](int k) { return lo + k / 4.0; }));
}

/// Increments a counter accepts (whole numbers when `integer_counter`), half
/// of the time 0, 1 or a magnitude past float's or double's exact range.
inline rc::Gen<double> gen_increment(const MetricsCapabilities& caps) {
  std::vector<double> edges{0.0, 1.0};
  edges.insert(edges.end(), edges::kLargeMagnitudes.begin(), edges::kLargeMagnitudes.end());
  if (caps.integer_counter) {
    return edges::biased(edges, rc::gen::map(rc::gen::inRange(0, 1000), [](int k) { return double(k); }));
  }
  return edges::biased(edges, rc::gen::map(rc::gen::inRange(0, 4000), [](int k) { return k / 4.0; }));
}

/// Small increments (for concurrent rounds, where sums must stay exact).
inline rc::Gen<double> gen_small_increment(const MetricsCapabilities& caps) {
  if (caps.integer_counter) return rc::gen::map(rc::gen::inRange(1, 8), [](int k) { return double(k); });
  return rc::gen::map(rc::gen::inRange(1, 32), [](int k) { return k / 4.0; });
}

/// What a counter should read after `increments`: the exact sum for whole-
/// number counters, the same sequence of double additions otherwise.
inline double expected_counter(const std::vector<double>& increments, const MetricsCapabilities& caps) {
  if (caps.integer_counter) {
    long double exact = 0;  // 64-bit mantissa: exact for whole sums below 2^64
    for (double inc : increments) exact += inc;
    return static_cast<double>(exact);
  }
  double sum = 0;
  for (double inc : increments) sum += inc;
  return sum;
}

/// The nearest-rank q-quantile of sorted values: rank max(1, ceil(q*n)).
inline double exact_quantile(const std::vector<double>& sorted, double q) {
  const auto n = static_cast<double>(sorted.size());
  const auto rank = std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(q * n)));
  return sorted[std::min(rank, sorted.size()) - 1];
}

/// True when `reported` is within the declared error of the q-quantile.
inline bool quantile_within_bound(const std::vector<double>& sorted, double q, double reported,
                                  const MetricsCapabilities& caps) {
  if (caps.quantile_error == QuantileErrorKind::kRelativeValue) {
    const double exact = exact_quantile(sorted, q);
    return std::fabs(reported - exact) <= caps.quantile_bound * std::fabs(exact) + 1e-9;
  }
  if (caps.quantile_error == QuantileErrorKind::kRank) {
    const auto n = static_cast<double>(sorted.size());
    const auto below = static_cast<double>(std::lower_bound(sorted.begin(), sorted.end(), reported) - sorted.begin());
    const auto at_or_below =
        static_cast<double>(std::upper_bound(sorted.begin(), sorted.end(), reported) - sorted.begin());
    // Some rank r in [below + 1, at_or_below] must lie within bound*n (+1 for rounding) of q*n.
    const double target = q * n;
    const double slack = caps.quantile_bound * n + 1.0;
    return at_or_below >= below + 1 && target + slack >= below + 1 && target - slack <= at_or_below;
  }
  return true;
}

/// Label values with the characters exposition formats must escape.
inline rc::Gen<std::string> gen_label_value() {
  const auto piece = rc::gen::element<std::string>("a", "Z", "0", " ", "\"", "\\", "\n", "{", "}", ",", "=", "#",
                                                   "\xc3\xa9", "\xe2\x82\xac", "\\n", "\t");
  return rc::gen::map(rc::gen::container<std::vector<std::string>>(piece), [](const std::vector<std::string>& parts) {
    std::string out;
    for (const auto& p : parts) out += p;
    return out;
  });
}

/// Metric names that are valid and never end in `_total`.
inline rc::Gen<std::string> gen_metric_name() {
  return rc::gen::map(
      rc::gen::nonEmpty(rc::gen::container<std::string>(rc::gen::inRange('a', static_cast<char>('z' + 1)))),
      [](std::string s) { return "prop_" + s.substr(0, 8); });
}

}  // namespace gauntlet::properties::metrics::detail
