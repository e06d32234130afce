#pragma once
// The two time modes behind run_scenario.
#include "gauntlet/chaos/runner.h"

namespace gauntlet::chaos::detail {

RunRecord run_virtual(const Scenario& scenario, const RunOptions& options);
RunRecord run_real(const Scenario& scenario, const RunOptions& options);

}  // namespace gauntlet::chaos::detail
