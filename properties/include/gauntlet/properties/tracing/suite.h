#pragma once
/// The tracing property suite. Instantiate with
///   GAUNTLET_INSTANTIATE_TRACING_PROPERTIES(Prefix, MyTracingAdapter);
#include "gauntlet/properties/tracing/context_properties.h"
#include "gauntlet/properties/tracing/export_properties.h"

namespace gauntlet::properties::tracing {

REGISTER_TYPED_TEST_SUITE_P(TracingProperties, EndedSpansExportedExactlyOnce, TraceTreesConsistent,
                            ConcurrentSpansExportedOnce, TraceparentRoundTrips, TraceparentRejectsInvalid,
                            ScopesRestoreInLifoOrder, ScopesDoNotLeakAcrossThreads);

}  // namespace gauntlet::properties::tracing

/// Runs the tracing suite against `Adapter` (a TracingAdapter); test names start
/// with `Prefix/TracingProperties/0.`. Use at namespace scope, followed by `;`.
#define GAUNTLET_INSTANTIATE_TRACING_PROPERTIES(Prefix, Adapter)                           \
  static_assert(::gauntlet::properties::tracing::TracingAdapter<Adapter>,                      \
                #Adapter " is not a TracingAdapter (see gauntlet/properties/tracing/adapter.h)"); \
  namespace gauntlet::properties::tracing {                                               \
  INSTANTIATE_TYPED_TEST_SUITE_P(Prefix, TracingProperties, ::testing::Types<Adapter>);              \
  }                                                                                     \
  extern int gauntlet_properties_instantiated_##Prefix
