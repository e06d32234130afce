#pragma once
/// Fault schedules: values over scenario time saying which fault is in effect
/// at each fault point. Built from ramps, windows (outages), latency spikes and
/// cascades, and composed with `+`.
#include <string>
#include <vector>

#include "gauntlet/chaos/fault_spec.h"
#include "gauntlet/harness/clock.h"

namespace gauntlet::chaos {

enum class FaultKind { kErrorRate, kLatency };

/// One fault at one point over [start, end). Times are scenario time (ns from
/// the start of the run).
struct ScheduledFault {
  std::string point;  ///< fault point name, e.g. "chain.c"
  FaultKind kind = FaultKind::kErrorRate;
  Nanos start = 0;
  Nanos end = 0;
  double magnitude = 0;                  ///< error probability 0..1, or added latency in ns
  Nanos ramp = 0;                        ///< rises linearly from 0 to magnitude over this long
  std::string label;                     ///< "ramp", "outage", "spike", "cascade"
  std::vector<std::string> observed_at;  ///< cascade: callers expected to see it

  friend bool operator==(const ScheduledFault&, const ScheduledFault&) = default;
};

/// What is in effect at one point at one instant.
struct FaultEffect {
  double error_rate = 0;  ///< combined 1 - prod(1 - p_i)
  Nanos latency_ns = 0;   ///< sum of overlapping latency faults
  bool active() const noexcept { return error_rate > 0 || latency_ns > 0; }
  friend bool operator==(const FaultEffect&, const FaultEffect&) = default;
};

class FaultSchedule {
 public:
  FaultSchedule() = default;
  explicit FaultSchedule(std::vector<ScheduledFault> faults) : faults_(std::move(faults)) {}

  /// Error rate rising linearly from 0 at `start` to `rate` at start+`rise`,
  /// then held until `end`.
  static FaultSchedule ramp(std::string point, Nanos start, Nanos rise, double rate, Nanos end);
  /// Every call fails (or fails with `rate`) from t1 to t2.
  static FaultSchedule window(std::string point, Nanos t1, Nanos t2, double rate = 1.0);
  /// Adds `latency` to every call from `start` for `duration`.
  static FaultSchedule spike(std::string point, Nanos start, Nanos duration, Nanos latency);
  /// An outage at the deepest hop, expected to surface at each of `observed_at`.
  static FaultSchedule cascade(std::string point, Nanos start, Nanos duration, std::vector<std::string> observed_at);

  /// Union of both schedules' faults.
  friend FaultSchedule operator+(FaultSchedule a, const FaultSchedule& b);

  const std::vector<ScheduledFault>& faults() const noexcept { return faults_; }
  bool empty() const noexcept { return faults_.empty(); }
  /// Distinct point names, sorted.
  std::vector<std::string> points() const;
  FaultEffect effect_at(const std::string& point, Nanos t) const;
  /// Earliest start and latest end over all faults (0,0 when empty).
  Nanos first_start() const noexcept;
  Nanos last_end() const noexcept;

 private:
  std::vector<ScheduledFault> faults_;
};

/// The program a fault point runs for an effect: `p%return(injected)` for the
/// error rate, then `delay(ms)` for the latency; empty when inactive.
FaultProgram program_for(const FaultEffect& effect);

}  // namespace gauntlet::chaos
