// The breaker suite against Gauntlet's own circuit breaker.
#include "adapters/gauntlet_breaker_adapter.h"
#include "gauntlet/properties/breaker/suite.h"

namespace gauntlet::properties::breaker {
GAUNTLET_INSTANTIATE_BREAKER_PROPERTIES(GauntletBreaker, adapters::GauntletBreakerAdapter);
}  // namespace gauntlet::properties::breaker
