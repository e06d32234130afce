#pragma once
/// Schedule search with shrinking: RapidCheck generates fault schedules for a
/// scenario in virtual time; when one breaks a hypothesis it is shrunk to a
/// minimal schedule (fewer faults, earlier, shorter, weaker) that still
/// breaks it.
#include <cstdint>
#include <string>
#include <vector>

#include "gauntlet/chaos/run_record.h"
#include "gauntlet/chaos/scenario.h"
#include "gauntlet/harness/error.h"

namespace gauntlet::chaos {

struct ShrinkOptions {
  std::uint64_t seed = 1;             ///< RapidCheck's seed and every run's seed
  int tests = 30;                     ///< schedules to try before declaring none fails
  int max_faults = 3;                 ///< faults per generated schedule
  std::vector<std::string> points;    ///< fault points to target (required)
  std::string fault_phase = "fault";  ///< the phase every generated fault window starts and ends inside
  /// Also check breaker_opens_within hypotheses. Off by default: a generated
  /// fault may be too weak to trip a breaker, which is no failure of the target.
  bool check_breaker_opens = false;
};

struct ShrinkResult {
  bool found = false;            ///< a schedule broke a hypothesis
  FaultSchedule minimal;         ///< the shrunk schedule (when found)
  std::vector<Verdict> failing;  ///< its failing verdicts
  int runs = 0;                  ///< scenario runs, shrinking included
};

/// Searches schedules for `base` (its own schedule is replaced). kInvalidArgument
/// when no points are given or the fault phase does not exist.
Result<ShrinkResult> search_schedules(const Scenario& base, const ShrinkOptions& options);

/// The scenario as a YAML scenario file (the format load_scenario_file reads),
/// so a shrunk schedule can be replayed. kInvalidArgument for custom
/// hypotheses, which a file cannot express.
Result<std::string> scenario_yaml(const Scenario& scenario);

}  // namespace gauntlet::chaos
