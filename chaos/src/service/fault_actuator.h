#pragma once
// Carries out a service scenario's faults on its own thread: toxics and
// outages on proxies, signals and restarts of processes. The observer only
// posts the effects it wants in force, so a restart that waits seconds for
// readiness never stalls the timeline. Also restarts processes with
// `restart: always` that exit by themselves.
#include <condition_variable>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "gauntlet/chaos/fault_registry.h"
#include "gauntlet/chaos/schedule.h"
#include "service/running_system.h"

namespace gauntlet::chaos::service::detail {

class FaultActuator {
 public:
  explicit FaultActuator(RunningSystem& system);
  /// Stops the thread after the action in progress; later posts are dropped.
  ~FaultActuator();
  FaultActuator(const FaultActuator&) = delete;
  FaultActuator& operator=(const FaultActuator&) = delete;

  /// Wants `effects` (point -> effect) in force; returns at once. Points
  /// without an action are ignored.
  void post(const std::map<std::string, FaultEffect>& effects);
  /// Waits until every posted effect has been carried out.
  void drain();
  /// Per point: hits = posts that found it in force, fires = actions carried out.
  std::vector<FaultPointStats> activity() const;
  /// Actions that failed ("<point>: <error>"), in order.
  std::vector<std::string> failures() const;

 private:
  void loop();
  void carry_out(const std::string& point, const ActionDecl& action, const FaultEffect& before, const FaultEffect& now);
  void act_on_proxy(const std::string& point, const ActionDecl& action, const FaultEffect& before,
                    const FaultEffect& now);
  Status act_on_process(const ActionDecl& action, const FaultEffect& now);
  void restart_exited();
  void note(const std::string& point, const Status& status);

  RunningSystem& system_;
  mutable std::mutex mutex_;  // guards everything below but the thread
  std::condition_variable wake_;
  std::condition_variable idle_;
  std::map<std::string, FaultEffect> wanted_;
  std::map<std::string, FaultEffect> applied_;  // actuator thread only
  std::set<std::string> held_down_;             // processes a fault keeps down (actuator thread only)
  std::map<std::string, FaultPointStats> stats_;
  std::vector<std::string> failures_;
  bool busy_ = false;
  bool dirty_ = false;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace gauntlet::chaos::service::detail
