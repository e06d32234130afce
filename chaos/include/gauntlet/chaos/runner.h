#pragma once
/// Runs a scenario in virtual time (a discrete-event simulation on a
/// ManualClock; one seed gives one byte-identical journal) or in real time
/// (threads and the RealClock), then checks its hypotheses.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "gauntlet/chaos/run_record.h"
#include "gauntlet/chaos/scenario.h"
#include "gauntlet/harness/error.h"

namespace gauntlet::chaos {

struct RunOptions {
  std::uint64_t seed = 1;
  TimeMode mode = TimeMode::kVirtual;
  /// Called after each observer interval (e.g. a progress line). Real time:
  /// from the observer thread.
  std::function<void(const Sample&)> on_sample;
  /// The words the replay command names after `gauntlet chaos run`: a
  /// built-in (`{"cascading_failure", "--variant", "broken"}`) or a scenario
  /// file; empty: the scenario's name.
  std::vector<std::string> replay_as;
};

/// Runs `scenario`; kInvalidArgument when it does not validate. The fault
/// registry is reseeded with `options.seed` and the schedule's points are
/// disarmed again at the end.
Result<RunRecord> run_scenario(const Scenario& scenario, const RunOptions& options);

/// The command that replays a run, "gauntlet chaos run <what...> --seed N
/// --time M", each word quoted for a shell (gauntlet::shell_line).
std::string replay_command(const std::vector<std::string>& what, std::uint64_t seed, TimeMode mode);

}  // namespace gauntlet::chaos
