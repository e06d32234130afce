// The metrics suite against Gauntlet's own metrics.
#include "adapters/gauntlet_metrics_adapter.h"
#include "gauntlet/properties/metrics/suite.h"

namespace gauntlet::properties::metrics {
GAUNTLET_INSTANTIATE_METRICS_PROPERTIES(GauntletMetrics, adapters::GauntletMetricsAdapter);
}  // namespace gauntlet::properties::metrics
