#pragma once
// The two time modes behind run_scenario.
#include "gauntlet/chaos/runner.h"

namespace gauntlet::chaos::detail {

Result<RunRecord> run_virtual(const Scenario& scenario, const RunOptions& options);
Result<RunRecord> run_real(const Scenario& scenario, const RunOptions& options);

}  // namespace gauntlet::chaos::detail
