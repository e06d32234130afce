#pragma once
/// The typed-test fixture every tracing property is written against.
#include <gtest/gtest.h>

#include "gauntlet/properties/property_check.h"
#include "gauntlet/properties/tracing/adapter.h"

namespace gauntlet::properties::tracing {

template <TracingAdapter A>
class TracingProperties : public ::testing::Test {};

TYPED_TEST_SUITE_P(TracingProperties);

}  // namespace gauntlet::properties::tracing
