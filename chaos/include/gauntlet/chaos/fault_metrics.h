#pragma once
/// Fault-point activity as metrics: hits and fires of every point the
/// registry knows, as two counter families labelled by point, so a service's
/// own /metrics endpoint (or a scenario's registry) shows what was injected.
#include "gauntlet/chaos/fault_registry.h"
#include "gauntlet/harness/error.h"
#include "gauntlet/harness/metrics/registry.h"

namespace gauntlet::chaos {

/// Brings `gauntlet_fault_hits_total{point}` (evaluations while armed) and
/// `gauntlet_fault_fires_total{point}` (evaluations that triggered a term) in
/// `metrics` up to `faults.stats()`. Call it before each exposition. Counters
/// never go down: after `faults.reset()` they grow again only once the new
/// counts pass the exported ones. Errors: the metrics registry's (e.g. the
/// names already registered as another type).
Status export_fault_metrics(const FaultRegistry& faults, metrics::Registry& metrics);

}  // namespace gauntlet::chaos
