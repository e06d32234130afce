#pragma once
/// Metrics properties on single-threaded values: conservation, buckets,
/// quantiles, merge.
#include <algorithm>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "gauntlet/properties/edge_generators.h"
#include "gauntlet/properties/metrics/generators.h"
#include "gauntlet/properties/metrics/test_fixture.h"

namespace gauntlet::properties::metrics {

TYPED_TEST_P(MetricsProperties, CounterSumConservation) {
  const PropertySpec spec{Severity::kMust, 1.0};
  if constexpr (!provides<TypeParam>(&MetricsGroups::counter)) {
    GAUNTLET_SKIP_PROPERTY(spec, "the adapter declares the counter group unsupported");
  } else {
    check_property(spec, [] {
      const auto caps = TypeParam::capabilities();
      // Edge-biased: 0, 1 and magnitudes past 2^24, 2^32 and 2^53 among the increments.
      const auto increments = *edges::sized<std::vector<double>>(detail::gen_increment(caps));
      auto counter = TypeParam::make_counter();
      std::vector<double> applied;
      for (double inc : increments) {
        const double before = static_cast<double>(TypeParam::counter_value(*counter));
        TypeParam::counter_add(*counter, inc);
        applied.push_back(inc);
        const double now = static_cast<double>(TypeParam::counter_value(*counter));
        RC_ASSERT(now >= before);
        RC_ASSERT(now == detail::expected_counter(applied, caps));
      }
      RC_ASSERT(static_cast<double>(TypeParam::counter_value(*counter)) == detail::expected_counter(increments, caps));
    });
  }
}

TYPED_TEST_P(MetricsProperties, CounterIgnoresNegativeIncrements) {
  const PropertySpec spec{Severity::kMust, 1.0};
  if constexpr (!provides<TypeParam>(&MetricsGroups::counter)) {
    GAUNTLET_SKIP_PROPERTY(spec, "the adapter declares the counter group unsupported");
  } else {
    if (TypeParam::capabilities().negative_increment == NegativeIncrement::kUnsupported) {
      GAUNTLET_SKIP_PROPERTY(spec, "the counter API cannot express a negative increment");
    }
    check_property(spec, [] {
      auto counter = TypeParam::make_counter();
      const double start = *detail::gen_increment(TypeParam::capabilities());
      TypeParam::counter_add(*counter, start);
      const double negative = -1 - *rc::gen::inRange(0, 1000);
      TypeParam::counter_add(*counter, negative);
      RC_ASSERT(static_cast<double>(TypeParam::counter_value(*counter)) == start);
    });
  }
}

TYPED_TEST_P(MetricsProperties, GaugeFollowsSetsAndAdds) {
  const PropertySpec spec{Severity::kMust, 1.0};
  if constexpr (!provides<TypeParam>(&MetricsGroups::gauge)) {
    GAUNTLET_SKIP_PROPERTY(spec, "the adapter declares the gauge group unsupported");
  } else {
    check_property(spec, [] {
      // Quarter-grid values, half of the time an edge: 0, +-1, +-(2^24 + 1), 2^53.
      const auto value =
          edges::biased<double>({0.0, 1.0, -1.0, edges::kTwoPow24 + 1, -(edges::kTwoPow24 + 1), edges::kTwoPow53},
                                rc::gen::map(rc::gen::inRange(-4000, 4000), [](int k) { return k / 4.0; }));
      const auto ops =
          *edges::sized<std::vector<std::pair<bool, double>>>(rc::gen::pair(rc::gen::arbitrary<bool>(), value));
      auto gauge = TypeParam::make_gauge();
      double expected = 0;
      for (const auto& [set, v] : ops) {
        if (set) {
          TypeParam::gauge_set(*gauge, v);
          expected = v;
        } else {
          TypeParam::gauge_add(*gauge, v);
          expected += v;
        }
        RC_ASSERT(static_cast<double>(TypeParam::gauge_value(*gauge)) == expected);
      }
    });
  }
}

TYPED_TEST_P(MetricsProperties, HistogramCountSumConservation) {
  const PropertySpec spec{Severity::kMust, 1.0};
  if constexpr (!provides<TypeParam>(&MetricsGroups::histogram)) {
    GAUNTLET_SKIP_PROPERTY(spec, "the adapter declares the histogram group unsupported");
  } else {
    check_property(spec, [] {
      const auto caps = TypeParam::capabilities();
      const auto values = *edges::sized<std::vector<double>>(detail::gen_value(caps), 2000);
      auto h = TypeParam::make_histogram({caps.min_value + 1, caps.min_value + 10, caps.min_value + 100});
      double sum = 0;
      for (double v : values) {
        TypeParam::observe(*h, v);
        sum += v;
      }
      const HistogramView view = TypeParam::histogram_view(*h);
      RC_ASSERT(view.count == values.size());
      RC_ASSERT(std::fabs(view.sum - sum) <= 1e-9 * std::max(1.0, std::fabs(sum)));
      RC_ASSERT(view.cumulative.size() == view.bounds.size());
      RC_ASSERT(std::is_sorted(view.cumulative.begin(), view.cumulative.end()));
      RC_ASSERT(view.cumulative.empty() || view.cumulative.back() <= view.count);
    });
  }
}

TYPED_TEST_P(MetricsProperties, HistogramBucketBoundaries) {
  const PropertySpec spec{Severity::kMust, 1.0};
  if constexpr (!provides<TypeParam>(&MetricsGroups::histogram)) {
    GAUNTLET_SKIP_PROPERTY(spec, "the adapter declares the histogram group unsupported");
  } else {
    check_property(spec, [] {
      const auto caps = TypeParam::capabilities();
      auto hint = *rc::gen::nonEmpty(rc::gen::container<std::vector<double>>(detail::gen_value(caps)));
      std::sort(hint.begin(), hint.end());
      hint.erase(std::unique(hint.begin(), hint.end()), hint.end());
      RC_PRE(hint.front() > 0.0);
      auto h = TypeParam::make_histogram(hint);
      const std::vector<double> bounds = TypeParam::histogram_view(*h).bounds;
      RC_PRE(!bounds.empty());
      // Observations exactly on edges and just either side of them (drawn at
      // full size: RapidCheck scales inRange by the case's size, which would
      // leave out the upper neighbours and the last bounds).
      const auto picks = *rc::gen::container<std::vector<std::pair<std::size_t, int>>>(rc::gen::resize(
          100, rc::gen::pair(rc::gen::inRange<std::size_t>(0, bounds.size()), rc::gen::inRange(-1, 2))));
      std::vector<double> values;
      for (const auto& [i, side] : picks) {
        double v = bounds[i];
        if (side < 0) v = std::nextafter(v, 0.0);
        if (side > 0) v = std::nextafter(v, INFINITY);
        if (v < caps.min_value || v > caps.max_value) continue;
        values.push_back(v);
        TypeParam::observe(*h, v);
      }
      const HistogramView view = TypeParam::histogram_view(*h);
      RC_ASSERT(view.count == values.size());
      for (std::size_t i = 0; i < bounds.size(); ++i) {
        const auto expected = static_cast<std::uint64_t>(
            std::count_if(values.begin(), values.end(), [&](double v) { return v <= bounds[i]; }));
        RC_ASSERT(view.cumulative[i] == expected);
      }
    });
  }
}

TYPED_TEST_P(MetricsProperties, QuantilesMonotoneWithinMinMax) {
  const PropertySpec spec{Severity::kMust, 1.0};
  if constexpr (!provides<TypeParam>(&MetricsGroups::quantiles)) {
    GAUNTLET_SKIP_PROPERTY(spec, "the adapter declares the quantiles group unsupported");
  } else {
    check_property(spec, [] {
      const auto caps = TypeParam::capabilities();
      auto values = *rc::gen::nonEmpty(edges::sized<std::vector<double>>(detail::gen_value(caps), 2000));
      auto qs =
          *rc::gen::container<std::vector<double>>(*rc::gen::inRange<std::size_t>(0, 21), edges::quantile_level());
      qs.insert(qs.end(), edges::kQuantileLevels.begin(), edges::kQuantileLevels.end());  // every run, every case
      std::sort(qs.begin(), qs.end());
      auto h = TypeParam::make_histogram({});  // contract: the default bounds
      RC_ASSERT(h != nullptr);
      for (double v : values) TypeParam::observe(*h, v);
      const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
      double previous = -INFINITY;
      for (double q : qs) {
        const double reported = TypeParam::quantile(*h, q);
        RC_ASSERT(reported >= *lo);
        RC_ASSERT(reported <= *hi);
        RC_ASSERT(reported >= previous);
        previous = reported;
      }
    });
  }
}

TYPED_TEST_P(MetricsProperties, QuantileErrorWithinDeclaredBound) {
  const PropertySpec spec{Severity::kMust, 1.0};
  if constexpr (!provides<TypeParam>(&MetricsGroups::quantiles)) {
    GAUNTLET_SKIP_PROPERTY(spec, "the adapter declares the quantiles group unsupported");
  } else {
    if (TypeParam::capabilities().quantile_error == QuantileErrorKind::kNone) {
      GAUNTLET_SKIP_PROPERTY(spec, "no quantile error bound declared");
    }
    check_property(spec, [] {
      const auto caps = TypeParam::capabilities();
      auto values = *rc::gen::nonEmpty(edges::sized<std::vector<double>>(detail::gen_value(caps), 2000));
      std::vector<double> qs(edges::kQuantileLevels.begin(), edges::kQuantileLevels.end());
      qs.push_back(*edges::quantile_level());
      auto h = TypeParam::make_histogram({});  // contract: the default bounds
      RC_ASSERT(h != nullptr);
      for (double v : values) TypeParam::observe(*h, v);
      std::sort(values.begin(), values.end());
      for (double q : qs) {
        const double reported = TypeParam::quantile(*h, q);
        if (!detail::quantile_within_bound(values, q, reported, caps)) {
          RC_FAIL("quantile(" + std::to_string(q) + ") of " + std::to_string(values.size()) + " values reported " +
                  std::to_string(reported) + "; exact nearest-rank value " +
                  std::to_string(detail::exact_quantile(values, q)) + " (declared bound " +
                  std::to_string(caps.quantile_bound) + ")");
        }
      }
    });
  }
}

TYPED_TEST_P(MetricsProperties, MergeEqualsInsertingTheUnion) {
  const PropertySpec spec{Severity::kMust, 1.0};
  if constexpr (!provides<TypeParam>(&MetricsGroups::merge)) {
    GAUNTLET_SKIP_PROPERTY(spec, "the adapter declares the merge group unsupported");
  } else {
    check_property(spec, [] {
      const auto caps = TypeParam::capabilities();
      // One to four histograms merged in turn into the first.
      const auto parts = *rc::gen::container<std::vector<std::vector<double>>>(
          *rc::gen::inRange<std::size_t>(2, 6), edges::sized<std::vector<double>>(detail::gen_value(caps), 500));
      const std::vector<double> hint{caps.min_value + 1, caps.min_value + 16, caps.min_value + 256};
      auto both = TypeParam::make_histogram(hint);
      std::vector<std::unique_ptr<typename TypeParam::Histogram>> hs;
      bool any = false;
      for (const auto& values : parts) {
        hs.push_back(TypeParam::make_histogram(hint));
        for (double v : values) {
          TypeParam::observe(*hs.back(), v);
          TypeParam::observe(*both, v);
        }
        any = any || !values.empty();
      }
      for (std::size_t i = 1; i < hs.size(); ++i) {
        const HistogramView from_before = TypeParam::histogram_view(*hs[i]);
        TypeParam::merge(*hs[0], *hs[i]);
        RC_ASSERT(TypeParam::histogram_view(*hs[i]) == from_before);  // merging leaves the source as it was
      }
      const HistogramView merged = TypeParam::histogram_view(*hs[0]);
      const HistogramView expected = TypeParam::histogram_view(*both);
      RC_ASSERT(merged.count == expected.count);
      RC_ASSERT(merged.sum == expected.sum);  // contract: exact (quarter-grid values sum exactly)
      RC_ASSERT(merged.bounds == expected.bounds);
      RC_ASSERT(merged.cumulative == expected.cumulative);
      if constexpr (provides<TypeParam>(&MetricsGroups::quantiles)) {
        if (any) {
          for (double q : edges::kQuantileLevels)
            RC_ASSERT(TypeParam::quantile(*hs[0], q) == TypeParam::quantile(*both, q));
        }
      }
    });
  }
}

TYPED_TEST_P(MetricsProperties, MergeWithEmptyIsIdentity) {
  const PropertySpec spec{Severity::kMust, 1.0};
  if constexpr (!provides<TypeParam>(&MetricsGroups::merge)) {
    GAUNTLET_SKIP_PROPERTY(spec, "the adapter declares the merge group unsupported");
  } else {
    check_property(spec, [] {
      const auto caps = TypeParam::capabilities();
      const auto xs = *edges::sized<std::vector<double>>(detail::gen_value(caps));
      const std::vector<double> hint{caps.min_value + 1, caps.min_value + 16};
      auto a = TypeParam::make_histogram(hint);
      auto empty = TypeParam::make_histogram(hint);
      for (double x : xs) TypeParam::observe(*a, x);
      const HistogramView before = TypeParam::histogram_view(*a);
      TypeParam::merge(*a, *empty);
      RC_ASSERT(TypeParam::histogram_view(*a) == before);
      TypeParam::merge(*empty, *a);
      RC_ASSERT(TypeParam::histogram_view(*empty) == before);
    });
  }
}

}  // namespace gauntlet::properties::metrics
