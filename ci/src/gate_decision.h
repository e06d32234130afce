#pragma once
// The verdict rule of the gate, applied to a measured comparison.
#include "gauntlet/ci/gate_config.h"
#include "gauntlet/records/gate_result.h"

namespace gauntlet::ci::detail {

/// Sets verdict, min_detectable_effect and reason from the (widened)
/// interval, p_adjusted and threshold of `c`: regressed (improved) when
/// p_adjusted < alpha and the whole interval lies beyond +threshold
/// (-threshold) in the bad (good) direction; unchanged only when the whole
/// interval lies within +-threshold; otherwise inconclusive with the
/// smallest change the data could have detected. `alpha` is already adjusted
/// for sequential looks.
void decide(records::BenchmarkComparison& c, const GateConfig& config, double alpha);

}  // namespace gauntlet::ci::detail
