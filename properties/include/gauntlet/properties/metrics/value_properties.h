#pragma once
/// Metrics properties on single-threaded values: conservation, buckets,
/// quantiles, merge.
#include <algorithm>
#include <cmath>
#include <vector>

#include "gauntlet/properties/metrics/generators.h"
#include "gauntlet/properties/metrics/test_fixture.h"

namespace gauntlet::properties::metrics {

TYPED_TEST_P(MetricsProperties, CounterSumConservation) {
  const PropertySpec spec{Severity::kMust, 1.0};
  if constexpr (!CounterGroup<TypeParam>) {
    GAUNTLET_SKIP_PROPERTY(spec, "adapter has no counter group");
  } else {
    check_property(spec, [] {
      const auto increments = *rc::gen::container<std::vector<double>>(detail::gen_increment(TypeParam::capabilities()));
      auto counter = TypeParam::make_counter();
      double expected = 0;
      for (double inc : increments) {
        const double before = static_cast<double>(TypeParam::counter_value(*counter));
        TypeParam::counter_add(*counter, inc);
        expected += inc;
        const double now = static_cast<double>(TypeParam::counter_value(*counter));
        RC_ASSERT(now >= before);
      }
      RC_ASSERT(static_cast<double>(TypeParam::counter_value(*counter)) == expected);
    });
  }
}

TYPED_TEST_P(MetricsProperties, CounterIgnoresNegativeIncrements) {
  const PropertySpec spec{Severity::kMust, 1.0};
  if constexpr (!CounterGroup<TypeParam>) {
    GAUNTLET_SKIP_PROPERTY(spec, "adapter has no counter group");
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
  if constexpr (!GaugeGroup<TypeParam>) {
    GAUNTLET_SKIP_PROPERTY(spec, "adapter has no gauge group");
  } else {
    check_property(spec, [] {
      const auto ops = *rc::gen::container<std::vector<std::pair<bool, int>>>(
          rc::gen::pair(rc::gen::arbitrary<bool>(), rc::gen::inRange(-1000, 1000)));
      auto gauge = TypeParam::make_gauge();
      double expected = 0;
      for (const auto& [set, k] : ops) {
        const double v = k / 4.0;
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
  if constexpr (!HistogramGroup<TypeParam>) {
    GAUNTLET_SKIP_PROPERTY(spec, "adapter has no histogram group");
  } else {
    check_property(spec, [] {
      const auto caps = TypeParam::capabilities();
      const auto values = *rc::gen::container<std::vector<double>>(detail::gen_value(caps));
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
  if constexpr (!HistogramGroup<TypeParam>) {
    GAUNTLET_SKIP_PROPERTY(spec, "adapter has no histogram group");
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
      // Observations exactly on edges and just either side of them.
      const auto picks = *rc::gen::container<std::vector<std::pair<std::size_t, int>>>(
          rc::gen::pair(rc::gen::inRange<std::size_t>(0, bounds.size()), rc::gen::inRange(-1, 2)));
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
        const auto expected = static_cast<std::uint64_t>(std::count_if(values.begin(), values.end(), [&](double v) { return v <= bounds[i]; }));
        RC_ASSERT(view.cumulative[i] == expected);
      }
    });
  }
}

TYPED_TEST_P(MetricsProperties, QuantilesMonotoneWithinMinMax) {
  const PropertySpec spec{Severity::kMust, 1.0};
  if constexpr (!QuantileGroup<TypeParam>) {
    GAUNTLET_SKIP_PROPERTY(spec, "adapter has no quantile group");
  } else {
    check_property(spec, [] {
      const auto caps = TypeParam::capabilities();
      auto values = *rc::gen::nonEmpty(rc::gen::container<std::vector<double>>(detail::gen_value(caps)));
      auto qs = *rc::gen::container<std::vector<double>>(rc::gen::map(rc::gen::inRange(0, 1001), [](int k) { return k / 1000.0; }));
      qs.push_back(0.0);
      qs.push_back(1.0);
      std::sort(qs.begin(), qs.end());
      auto h = TypeParam::make_histogram({});
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
  if constexpr (!QuantileGroup<TypeParam>) {
    GAUNTLET_SKIP_PROPERTY(spec, "adapter has no quantile group");
  } else {
    if (TypeParam::capabilities().quantile_error == QuantileErrorKind::kNone) {
      GAUNTLET_SKIP_PROPERTY(spec, "no quantile error bound declared");
    }
    check_property(spec, [] {
      const auto caps = TypeParam::capabilities();
      auto values = *rc::gen::nonEmpty(rc::gen::container<std::vector<double>>(detail::gen_value(caps)));
      const double q = *rc::gen::inRange(0, 1001) / 1000.0;
      auto h = TypeParam::make_histogram({});
      for (double v : values) TypeParam::observe(*h, v);
      std::sort(values.begin(), values.end());
      const double reported = TypeParam::quantile(*h, q);
      RC_LOG() << "q=" << q << " reported=" << reported << " exact=" << detail::exact_quantile(values, q) << "\n";
      RC_ASSERT(detail::quantile_within_bound(values, q, reported, caps));
    });
  }
}

TYPED_TEST_P(MetricsProperties, MergeEqualsInsertingTheUnion) {
  const PropertySpec spec{Severity::kMust, 1.0};
  if constexpr (!MergeGroup<TypeParam>) {
    GAUNTLET_SKIP_PROPERTY(spec, "adapter has no merge group");
  } else {
    check_property(spec, [] {
      const auto caps = TypeParam::capabilities();
      const auto xs = *rc::gen::container<std::vector<double>>(detail::gen_value(caps));
      const auto ys = *rc::gen::container<std::vector<double>>(detail::gen_value(caps));
      const std::vector<double> hint{caps.min_value + 1, caps.min_value + 16, caps.min_value + 256};
      auto a = TypeParam::make_histogram(hint);
      auto b = TypeParam::make_histogram(hint);
      auto both = TypeParam::make_histogram(hint);
      for (double x : xs) {
        TypeParam::observe(*a, x);
        TypeParam::observe(*both, x);
      }
      for (double y : ys) {
        TypeParam::observe(*b, y);
        TypeParam::observe(*both, y);
      }
      TypeParam::merge(*a, *b);
      RC_ASSERT(TypeParam::histogram_view(*a) == TypeParam::histogram_view(*both));
      if constexpr (QuantileGroup<TypeParam>) {
        if (!xs.empty() || !ys.empty()) {
          for (double q : {0.0, 0.25, 0.5, 0.9, 0.99, 1.0}) RC_ASSERT(TypeParam::quantile(*a, q) == TypeParam::quantile(*both, q));
        }
      }
    });
  }
}

TYPED_TEST_P(MetricsProperties, MergeWithEmptyIsIdentity) {
  const PropertySpec spec{Severity::kMust, 1.0};
  if constexpr (!MergeGroup<TypeParam>) {
    GAUNTLET_SKIP_PROPERTY(spec, "adapter has no merge group");
  } else {
    check_property(spec, [] {
      const auto caps = TypeParam::capabilities();
      const auto xs = *rc::gen::container<std::vector<double>>(detail::gen_value(caps));
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
