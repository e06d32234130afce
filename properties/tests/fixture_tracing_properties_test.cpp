// The tracing suite against the unmutated fixture tracer (mutation-check control).
#include "gauntlet/fixtures/mutants/tracing_fixture_adapter.h"
#include "gauntlet/properties/tracing/suite.h"

namespace gauntlet::properties::tracing {
using FixtureTracingOk = fixtures::FixtureTracingAdapter<fixtures::TracingMutation::kNone>;
GAUNTLET_INSTANTIATE_TRACING_PROPERTIES(FixtureTracing, FixtureTracingOk);
}  // namespace gauntlet::properties::tracing
