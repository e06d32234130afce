#pragma once
// Collects completions into observer intervals and phases; builds the record.
#include <mutex>
#include <vector>

#include "gauntlet/chaos/run_record.h"
#include "gauntlet/chaos/scenario.h"

namespace gauntlet::chaos::detail {

class Recorder final : public LoadSink {
 public:
  Recorder(const Scenario& scenario, Target& target);

  void issued(std::uint64_t n = 1) override;
  void late() override;
  void not_sent(std::uint64_t n) override;
  /// A finished request: intended send time, actual send time, completion
  /// time (scenario time), and its protocol status code (0: none).
  void completed(Nanos intended, Nanos sent, Nanos done, CallStatus status, int code = 0) override;
  /// Closes the interval ending at `t` (scenario time) into a Sample.
  Sample tick(Nanos t);
  /// Moves everything into a record (phases, totals, transitions, faults).
  RunRecord finish(std::uint64_t seed, TimeMode mode);
  /// Puts the schedule's effects at `t` in force on the target.
  void apply_faults(Nanos t);
  /// Puts every scheduled point back to no fault.
  void clear_faults();

 private:
  struct Bucket {
    std::uint64_t completed = 0, failed = 0, rejected = 0;
    std::vector<Nanos> corrected;
    std::vector<Nanos> service;
    std::map<int, std::uint64_t> codes;
  };
  /// Fault activity of the registry's points and of the target's own faults.
  std::vector<FaultPointStats> fault_stats() const;
  void collect_transitions_locked();

  const Scenario& scenario_;
  Target& target_;
  std::mutex mutex_;
  Totals totals_;
  Bucket window_;
  std::vector<Bucket> phases_;
  std::vector<Sample> timeline_;
  std::vector<BreakerTransition> transitions_;
  std::map<std::string, std::uint64_t> fires_seen_;
};

/// Nearest-rank quantile of an unsorted vector (sorted in place); 0 if empty.
Nanos quantile(std::vector<Nanos>& values, double q);

}  // namespace gauntlet::chaos::detail
