#pragma once
/// The metrics property suite. Instantiate with
///   GAUNTLET_INSTANTIATE_METRICS_PROPERTIES(Prefix, MyMetricsAdapter);
#include "gauntlet/properties/metrics/concurrent_properties.h"
#include "gauntlet/properties/metrics/exposition_properties.h"
#include "gauntlet/properties/metrics/hygiene_properties.h"
#include "gauntlet/properties/metrics/snapshot_properties.h"
#include "gauntlet/properties/metrics/value_properties.h"

namespace gauntlet::properties::metrics {

REGISTER_TYPED_TEST_SUITE_P(MetricsProperties, CounterSumConservation, CounterIgnoresNegativeIncrements,
                            GaugeFollowsSetsAndAdds, HistogramCountSumConservation, HistogramBucketBoundaries,
                            QuantilesMonotoneWithinMinMax, QuantileErrorWithinDeclaredBound,
                            MergeEqualsInsertingTheUnion, MergeWithEmptyIsIdentity,
                            CounterConcurrentIncrementsLinearizable, GaugeConcurrentUpdatesLinearizable,
                            HistogramSnapshotsConsistentDuringWrites, ConcurrentMergesEqualTheUnion,
                            ExpositionHasEverySeriesWithEscapedLabels, CounterIgnoresNonFiniteIncrements,
                            HistogramIgnoresNonFiniteObservations);

}  // namespace gauntlet::properties::metrics

/// Runs the metrics suite against `Adapter` (a MetricsAdapter); test names start
/// with `Prefix/MetricsProperties/0.`. Use at namespace scope, followed by `;`.
/// An undeclared group, or a missing or mistyped member of a provided group,
/// is one static_assert naming it.
#define GAUNTLET_INSTANTIATE_METRICS_PROPERTIES(Prefix, Adapter)                                  \
  GAUNTLET_DETAIL_METRICS_DIAGNOSES(GAUNTLET_DETAIL_ADAPTER_ASSERT, #Adapter,                     \
                                    ::gauntlet::properties::metrics::detail::diagnose<Adapter>()) \
  namespace gauntlet::properties::metrics {                                                       \
  INSTANTIATE_TYPED_TEST_SUITE_P(                                                                 \
      Prefix, MetricsProperties,                                                                  \
      ::testing::Types<::gauntlet::properties::metrics::detail::ValidOrPlaceholder<Adapter>>);    \
  }                                                                                               \
  extern int gauntlet_properties_instantiated_##Prefix
