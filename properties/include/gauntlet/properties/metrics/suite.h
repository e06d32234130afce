#pragma once
/// The metrics property suite. Instantiate with
///   GAUNTLET_INSTANTIATE_METRICS_PROPERTIES(Prefix, MyMetricsAdapter);
#include "gauntlet/properties/metrics/concurrent_properties.h"
#include "gauntlet/properties/metrics/exposition_properties.h"
#include "gauntlet/properties/metrics/hygiene_properties.h"
#include "gauntlet/properties/metrics/value_properties.h"

namespace gauntlet::properties::metrics {

REGISTER_TYPED_TEST_SUITE_P(MetricsProperties, CounterSumConservation, CounterIgnoresNegativeIncrements,
                            GaugeFollowsSetsAndAdds, HistogramCountSumConservation, HistogramBucketBoundaries,
                            QuantilesMonotoneWithinMinMax, QuantileErrorWithinDeclaredBound,
                            MergeEqualsInsertingTheUnion, MergeWithEmptyIsIdentity,
                            CounterConcurrentIncrementsLinearizable, HistogramSnapshotsConsistentDuringWrites,
                            ExpositionHasEverySeriesWithEscapedLabels, CounterIgnoresNonFiniteIncrements,
                            HistogramIgnoresNonFiniteObservations);

}  // namespace gauntlet::properties::metrics

/// Runs the metrics suite against `Adapter` (a MetricsAdapter); test names start
/// with `Prefix/MetricsProperties/0.`. Use at namespace scope, followed by `;`.
#define GAUNTLET_INSTANTIATE_METRICS_PROPERTIES(Prefix, Adapter)                           \
  static_assert(::gauntlet::properties::metrics::MetricsAdapter<Adapter>,                      \
                #Adapter " is not a MetricsAdapter (see gauntlet/properties/metrics/adapter.h)"); \
  namespace gauntlet::properties::metrics {                                               \
  INSTANTIATE_TYPED_TEST_SUITE_P(Prefix, MetricsProperties, ::testing::Types<Adapter>);              \
  }                                                                                     \
  extern int gauntlet_properties_instantiated_##Prefix
