#pragma once
/// The typed-test fixture every metrics property is written against.
#include <gtest/gtest.h>

#include "gauntlet/properties/metrics/adapter.h"
#include "gauntlet/properties/property_check.h"

namespace gauntlet::properties::metrics {

template <MetricsAdapter A>
class MetricsProperties : public ::testing::Test {};

TYPED_TEST_SUITE_P(MetricsProperties);

}  // namespace gauntlet::properties::metrics
