// The metrics suite against prometheus-cpp (a peer implementation).
#include "adapters/prometheus_cpp_metrics_adapter.h"
#include "gauntlet/properties/metrics/suite.h"

namespace gauntlet::properties::metrics {
GAUNTLET_INSTANTIATE_METRICS_PROPERTIES(PrometheusCpp, adapters::PrometheusCppMetricsAdapter);
}  // namespace gauntlet::properties::metrics
