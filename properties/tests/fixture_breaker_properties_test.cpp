// The breaker suite against the unmutated fixture breaker: the control for the
// mutation check (every property must pass here).
#include "gauntlet/fixtures/mutants/breaker_fixture_adapter.h"
#include "gauntlet/properties/breaker/suite.h"

namespace gauntlet::properties::breaker {
using FixtureBreakerOk = fixtures::FixtureBreakerAdapter<fixtures::BreakerMutation::kNone>;
GAUNTLET_INSTANTIATE_BREAKER_PROPERTIES(FixtureBreaker, FixtureBreakerOk);
}  // namespace gauntlet::properties::breaker
