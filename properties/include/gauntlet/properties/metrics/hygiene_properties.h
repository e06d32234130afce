#pragma once
/// SHOULD properties: input hygiene that the exposition formats imply but a
/// valid implementation may handle otherwise. A NaN or infinite input that a
/// counter or histogram accepts poisons its value or sum for the rest of the
/// process, so they are reported (and fail under GAUNTLET_STRICT=1).
#include <cmath>
#include <limits>
#include <vector>

#include "gauntlet/properties/metrics/generators.h"
#include "gauntlet/properties/metrics/test_fixture.h"

namespace gauntlet::properties::metrics::detail {

/// NaN, +infinity or -infinity.
inline rc::Gen<double> gen_non_finite() {
  return rc::gen::element(std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity(),
                          -std::numeric_limits<double>::infinity());
}

}  // namespace gauntlet::properties::metrics::detail

namespace gauntlet::properties::metrics {

TYPED_TEST_P(MetricsProperties, CounterIgnoresNonFiniteIncrements) {
  const PropertySpec spec{Severity::kShould, 1.0};
  if constexpr (!provides<TypeParam>(&MetricsGroups::counter)) {
    GAUNTLET_SKIP_PROPERTY(spec, "the adapter declares the counter group unsupported");
  } else {
    if (TypeParam::capabilities().integer_counter) {
      GAUNTLET_SKIP_PROPERTY(spec, "the counter API takes whole increments only");
    }
    check_property(spec, [] {
      auto counter = TypeParam::make_counter();
      const double start = *detail::gen_increment(TypeParam::capabilities());
      TypeParam::counter_add(*counter, start);
      TypeParam::counter_add(*counter, *detail::gen_non_finite());
      const double now = static_cast<double>(TypeParam::counter_value(*counter));
      RC_ASSERT(std::isfinite(now));
      RC_ASSERT(now == start);
    });
  }
}

TYPED_TEST_P(MetricsProperties, HistogramIgnoresNonFiniteObservations) {
  const PropertySpec spec{Severity::kShould, 1.0};
  if constexpr (!provides<TypeParam>(&MetricsGroups::histogram)) {
    GAUNTLET_SKIP_PROPERTY(spec, "the adapter declares the histogram group unsupported");
  } else {
    check_property(spec, [] {
      const auto caps = TypeParam::capabilities();
      const auto values = *rc::gen::container<std::vector<double>>(detail::gen_value(caps));
      const auto poison = *rc::gen::nonEmpty(rc::gen::container<std::vector<double>>(detail::gen_non_finite()));
      auto h = TypeParam::make_histogram({caps.min_value + 1, caps.min_value + 10, caps.min_value + 100});
      double sum = 0;
      for (std::size_t i = 0; i < values.size() || i < poison.size(); ++i) {
        if (i < values.size()) {
          TypeParam::observe(*h, values[i]);
          sum += values[i];
        }
        if (i < poison.size()) TypeParam::observe(*h, poison[i]);
      }
      const HistogramView view = TypeParam::histogram_view(*h);
      RC_ASSERT(view.count == values.size());
      RC_ASSERT(std::isfinite(view.sum));
      RC_ASSERT(std::fabs(view.sum - sum) <= 1e-9 * std::max(1.0, std::fabs(sum)));
    });
  }
}

}  // namespace gauntlet::properties::metrics
