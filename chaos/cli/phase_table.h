#pragma once
// The console's per-phase table of a chaos run: one row per phase with its
// requests, rate, latency quantiles, error rate and the verdicts about it.
#include <string>

#include "gauntlet/chaos/run_record.h"

namespace gauntlet::chaos::console {

/// Rows for every phase of `run`, then nothing else (verdict lines are printed separately).
std::string phase_table(const RunRecord& run);

}  // namespace gauntlet::chaos::console
