// The metrics suite against the unmutated fixture metrics (mutation-check control).
#include "gauntlet/fixtures/mutants/metrics_fixture_adapter.h"
#include "gauntlet/properties/metrics/suite.h"

namespace gauntlet::properties::metrics {
using FixtureMetricsOk = fixtures::FixtureMetricsAdapter<fixtures::MetricsMutation::kNone>;
GAUNTLET_INSTANTIATE_METRICS_PROPERTIES(FixtureMetrics, FixtureMetricsOk);
}  // namespace gauntlet::properties::metrics
