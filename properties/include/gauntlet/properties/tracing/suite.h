#pragma once
/// The tracing property suite. Instantiate with
///   GAUNTLET_INSTANTIATE_TRACING_PROPERTIES(Prefix, MyTracingAdapter);
#include "gauntlet/properties/tracing/concurrent_properties.h"
#include "gauntlet/properties/tracing/context_properties.h"
#include "gauntlet/properties/tracing/export_properties.h"

namespace gauntlet::properties::tracing {

REGISTER_TYPED_TEST_SUITE_P(TracingProperties, EndedSpansExportedExactlyOnce, TraceTreesConsistent,
                            ConcurrentSpansExportedOnce, TraceparentRoundTrips, TraceparentAcceptsSurroundingWhitespace,
                            TraceparentRejectsInvalid, ScopesRestoreInLifoOrder, ScopesDoNotLeakAcrossThreads);

}  // namespace gauntlet::properties::tracing

/// Runs the tracing suite against `Adapter` (a TracingAdapter); test names start
/// with `Prefix/TracingProperties/0.`. Use at namespace scope, followed by `;`.
/// An undeclared group, or a missing or mistyped member of a provided group,
/// is one static_assert naming it.
#define GAUNTLET_INSTANTIATE_TRACING_PROPERTIES(Prefix, Adapter)                                  \
  GAUNTLET_DETAIL_TRACING_DIAGNOSES(GAUNTLET_DETAIL_ADAPTER_ASSERT, #Adapter,                     \
                                    ::gauntlet::properties::tracing::detail::diagnose<Adapter>()) \
  namespace gauntlet::properties::tracing {                                                       \
  INSTANTIATE_TYPED_TEST_SUITE_P(                                                                 \
      Prefix, TracingProperties,                                                                  \
      ::testing::Types<::gauntlet::properties::tracing::detail::ValidOrPlaceholder<Adapter>>);    \
  }                                                                                               \
  extern int gauntlet_properties_instantiated_##Prefix
