#pragma once
// The two time modes behind run_scenario.
#include "gauntlet/chaos/runner.h"

namespace gauntlet::chaos::detail {

/// Before a run, once the target exists: every scheduled fault point is one
/// the target evaluates (when it lists them) and every breaker a hypothesis
/// names is one it has (when it reports breakers). kInvalidArgument naming the
/// scenario, the name and the known ones: a typo is bad input, not a failed
/// hypothesis.
Status check_target_names(const Scenario& scenario, const Target& target);

Result<RunRecord> run_virtual(const Scenario& scenario, const RunOptions& options);
Result<RunRecord> run_real(const Scenario& scenario, const RunOptions& options);

}  // namespace gauntlet::chaos::detail
