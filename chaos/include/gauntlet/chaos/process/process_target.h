#pragma once
/// An out-of-process chaos target: several supervised processes
/// (`SupervisedProcess`) behind TCP fault proxies, driven as one `Target`.
/// The scenario's fault schedule drives the proxies (error rate: resets or the
/// proxy down; latency: a latency toxic) and the processes (error rate: killed,
/// restarted when the fault ends; latency: paused, resumed when it ends).
#include "gauntlet/chaos/netload/endpoint.h"
#include "gauntlet/chaos/process/supervised_process.h"
#include "gauntlet/chaos/proxy/proxy_server.h"
#include "gauntlet/chaos/target.h"

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace gauntlet::chaos::process {

struct ProcessTargetSpec {
  std::string name = "processes";         ///< for the journal
  std::vector<proxy::ProxySpec> proxies;  ///< created first (give them fixed listen ports)
  std::vector<ProcessSpec> processes;     ///< then started in this order, each waiting for readiness
  netload::Endpoint entry;                ///< call(): GET http://entry<path>
  std::string path = "/";
  Nanos request_timeout_ns = 2 * kNanosPerSecond;
  /// Fault point -> proxy name. Error rate 1: proxy down; 0 < p < 1: reset_peer
  /// with toxicity p (per connection); latency: a downstream latency toxic.
  std::map<std::string, std::string> proxy_points;
  /// Fault point -> process name. Error rate >= 0.5: SIGKILL, restarted when the
  /// fault ends; latency: SIGSTOP, SIGCONT when it ends.
  std::map<std::string, std::string> process_points;
  std::uint64_t seed = 1;  ///< proxy toxicity draws
};

class ProcessTarget final : public Target {
 public:
  /// Creates the proxies and starts the processes; errors from either (the
  /// process's stderr tail included), kInvalidArgument for unknown names in the point maps.
  static Result<std::unique_ptr<ProcessTarget>> start(ProcessTargetSpec spec, Clock& clock);

  std::string kind() const override { return "process"; }
  std::map<std::string, std::string> describe() const override;
  /// One GET on a fresh connection; 2xx is kOk, anything else kFailed. Thread-safe.
  CallResult call(std::uint64_t id) override;
  /// Idempotent: only changes of effect touch proxies and processes.
  void apply_faults(const std::map<std::string, FaultEffect>& effects) override;
  /// "<process>.running" (0/1), "<process>.starts", "<proxy>.connections".
  std::map<std::string, double> counters() const override;
  /// Per mapped point: hits = observer intervals it was in force, fires = changes carried out.
  std::vector<FaultPointStats> fault_activity() const override;

  proxy::ProxyServer& proxies() noexcept { return *proxies_; }
  /// nullptr for an unknown name.
  SupervisedProcess* process(const std::string& name);
  /// "<name>: <stderr tail>" lines for every process that is not running.
  std::string failure_tails();

 private:
  ProcessTarget(ProcessTargetSpec spec, Clock& clock);
  void apply_proxy_effect(const std::string& proxy, const FaultEffect& effect);
  void apply_process_effect(const std::string& process, const FaultEffect& effect);

  ProcessTargetSpec spec_;
  Clock* clock_;
  std::unique_ptr<proxy::ProxyServer> proxies_;
  mutable std::mutex mutex_;  // guards processes_ and applied_
  std::vector<std::unique_ptr<SupervisedProcess>> processes_;
  std::map<std::string, FaultEffect> applied_;
  std::map<std::string, FaultPointStats> activity_;
};

/// A Target that forwards to one owned elsewhere, so a scenario's factory can
/// hand out a target started (and checked) before the run.
class TargetRef final : public Target {
 public:
  explicit TargetRef(Target& target) : target_(target) {}
  std::string kind() const override { return target_.kind(); }
  std::map<std::string, std::string> describe() const override { return target_.describe(); }
  CallResult call(std::uint64_t id) override { return target_.call(id); }
  void apply_faults(const std::map<std::string, FaultEffect>& effects) override { target_.apply_faults(effects); }
  std::map<std::string, double> counters() const override { return target_.counters(); }

 private:
  Target& target_;
};

}  // namespace gauntlet::chaos::process
