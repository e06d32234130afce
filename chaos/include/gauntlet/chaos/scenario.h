#pragma once
/// A scenario: a target, a load, a fault schedule, named phases and the
/// hypotheses to check. Plain data plus a target factory, so the same model
/// serves in-process targets and (later) real processes behind a fault proxy.
#include <string>
#include <vector>

#include "gauntlet/chaos/hypothesis.h"
#include "gauntlet/chaos/load.h"
#include "gauntlet/chaos/schedule.h"
#include "gauntlet/chaos/target.h"
#include "gauntlet/harness/error.h"

namespace gauntlet::chaos {

/// A phase: a named window of scenario time [start, end). What is measured in
/// it is its `PhaseStats`; the schedule's fault windows are separate.
struct Phase {
  std::string name;
  Nanos start = 0;
  Nanos end = 0;
};

struct Scenario {
  std::string name;
  std::string description;
  std::string target_name;  ///< e.g. "service_chain/healthy" (for the journal and replay)
  TargetFactory target;
  LoadSpec load;
  FaultSchedule schedule;
  std::vector<Phase> phases;  ///< contiguous, covering [0, duration)
  Nanos duration = 0;
  Nanos interval = 100 * kNanosPerMilli;  ///< observer sampling interval
  std::vector<Hypothesis> hypotheses;
  /// The mode a test or `gauntlet chaos run` uses unless told otherwise
  /// (scenarios about thread safety need real threads).
  TimeMode default_mode = TimeMode::kVirtual;
  /// True for scenarios against real processes and sockets: a virtual-time
  /// run is refused (kInvalidArgument).
  bool real_time_only = false;

  /// kInvalidArgument naming the offending field: no target, non-positive
  /// duration or interval, phases not contiguous from 0 to duration, ...
  Status validate() const;
  /// Phase containing `t` (the last phase for t >= duration).
  const Phase* phase_at(Nanos t) const;
};

/// Conventional phases: steady [0, fault_start), fault [fault_start,
/// fault_end), recovery [fault_end, duration).
std::vector<Phase> steady_fault_recovery(Nanos fault_start, Nanos fault_end, Nanos duration);

}  // namespace gauntlet::chaos
