// The tracing suite against Gauntlet's own tracer.
#include "adapters/gauntlet_tracing_adapter.h"
#include "gauntlet/properties/tracing/suite.h"

namespace gauntlet::properties::tracing {
GAUNTLET_INSTANTIATE_TRACING_PROPERTIES(GauntletTracing, adapters::GauntletTracingAdapter);
}  // namespace gauntlet::properties::tracing
