#pragma once
/// The typed-test fixture every tracing property is written against.
#include <memory>
#include <type_traits>

#include <gtest/gtest.h>

#include "gauntlet/properties/property_check.h"
#include "gauntlet/properties/tracing/adapter.h"

namespace gauntlet::properties::tracing {

template <TracingAdapter A>
class TracingProperties : public ::testing::Test {};

TYPED_TEST_SUITE_P(TracingProperties);

namespace detail {

/// Stands in for an adapter that failed its diagnosis, so the one
/// static_assert naming the problem is the only error.
struct PlaceholderTracingAdapter {
  static constexpr TracingCapabilities capabilities() {
    return {.groups = {.tracer = Group::kUnsupported, .traceparent = Group::kProvided, .scopes = Group::kUnsupported}};
  }
  static std::optional<TraceparentFields> parse_traceparent(std::string_view) { return std::nullopt; }
  static std::string format_traceparent(const TraceparentFields&) { return {}; }
};

template <typename A>
using ValidOrPlaceholder = std::conditional_t<TracingAdapter<A>, A, PlaceholderTracingAdapter>;

}  // namespace detail
}  // namespace gauntlet::properties::tracing
