#pragma once
/// The typed-test fixture every metrics property is written against.
#include <memory>
#include <type_traits>

#include <gtest/gtest.h>

#include "gauntlet/properties/metrics/adapter.h"
#include "gauntlet/properties/property_check.h"

namespace gauntlet::properties::metrics {

template <MetricsAdapter A>
class MetricsProperties : public ::testing::Test {};

TYPED_TEST_SUITE_P(MetricsProperties);

namespace detail {

/// Stands in for an adapter that failed its diagnosis, so the one
/// static_assert naming the problem is the only error.
struct PlaceholderMetricsAdapter {
  static constexpr MetricsCapabilities capabilities() {
    return {.groups = {.counter = Group::kProvided,
                       .gauge = Group::kUnsupported,
                       .histogram = Group::kUnsupported,
                       .quantiles = Group::kUnsupported,
                       .merge = Group::kUnsupported,
                       .exposition = Group::kUnsupported}};
  }
  struct Counter {};
  static std::unique_ptr<Counter> make_counter() { return nullptr; }
  static void counter_add(Counter&, double) {}
  static double counter_value(Counter&) { return 0; }
};

template <typename A>
using ValidOrPlaceholder = std::conditional_t<MetricsAdapter<A>, A, PlaceholderMetricsAdapter>;

}  // namespace detail
}  // namespace gauntlet::properties::metrics
