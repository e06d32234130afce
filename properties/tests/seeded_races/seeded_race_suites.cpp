// Every concurrent property instantiated against an implementation with the
// race it should detect. Expected to fail: the seeded-race check runs it
// property by property (seeded_race_check.cmake, measure_detection.py).
#include "gauntlet/properties/breaker/suite.h"
#include "gauntlet/properties/metrics/suite.h"
#include "gauntlet/properties/tracing/suite.h"
#include "seeded_races/racy_breaker.h"
#include "seeded_races/racy_metrics.h"
#include "seeded_races/racy_tracer.h"

namespace gauntlet::properties::seeded {
using CheckThenActHalfOpen = RacyBreakerAdapter<BreakerRace::kCheckThenActHalfOpen>;
using LostFailureRun = RacyBreakerAdapter<BreakerRace::kLostFailureRun>;
using LostPermitCount = RacyBreakerAdapter<BreakerRace::kLostPermitCount>;
using RacyExporterAppend = RacyTracingAdapter<TracerRace::kRacyExporterAppend>;
using SharedScope = RacyTracingAdapter<TracerRace::kSharedScope>;
}  // namespace gauntlet::properties::seeded

GAUNTLET_INSTANTIATE_METRICS_PROPERTIES(RacyCounter, gauntlet::properties::seeded::RacyCounterAdapter);
GAUNTLET_INSTANTIATE_METRICS_PROPERTIES(RacyGauge, gauntlet::properties::seeded::RacyGaugeAdapter);
GAUNTLET_INSTANTIATE_METRICS_PROPERTIES(TornHistogram, gauntlet::properties::seeded::TornHistogramAdapter);
GAUNTLET_INSTANTIATE_METRICS_PROPERTIES(RacyMerge, gauntlet::properties::seeded::RacyMergeAdapter);
GAUNTLET_INSTANTIATE_BREAKER_PROPERTIES(CheckThenActHalfOpen, gauntlet::properties::seeded::CheckThenActHalfOpen);
GAUNTLET_INSTANTIATE_BREAKER_PROPERTIES(LostFailureRun, gauntlet::properties::seeded::LostFailureRun);
GAUNTLET_INSTANTIATE_BREAKER_PROPERTIES(LostPermitCount, gauntlet::properties::seeded::LostPermitCount);
GAUNTLET_INSTANTIATE_TRACING_PROPERTIES(RacyExporterAppend, gauntlet::properties::seeded::RacyExporterAppend);
GAUNTLET_INSTANTIATE_TRACING_PROPERTIES(SharedScope, gauntlet::properties::seeded::SharedScope);
