#pragma once
// The Target of a service scenario run: the running system, its fault
// actuator, network load through the load generator, and steady-state probes.
#include <memory>

#include "gauntlet/chaos/target.h"
#include "service/fault_actuator.h"
#include "service/running_system.h"

namespace gauntlet::chaos::service::detail {

class ServiceTarget final : public Target {
 public:
  /// Starts the system and runs the steady-state probes "before".
  static Result<std::unique_ptr<ServiceTarget>> start(std::shared_ptr<const ServiceDecl> decl,
                                                      const RunContext& context);
  ~ServiceTarget() override;

  std::string kind() const override { return "service"; }
  std::map<std::string, std::string> describe() const override { return system_->describe(); }
  /// Not used: the target drives its own load.
  CallResult call(std::uint64_t) override { return {CallStatus::kFailed, 0}; }
  void apply_faults(const std::map<std::string, FaultEffect>& effects) override { actuator_->post(effects); }
  std::map<std::string, double> counters() const override;
  bool drives_load() const override { return true; }
  Status drive_load(const LoadSpec& load, Nanos duration, Nanos origin, LoadSink& sink) override;
  /// Waits for the faults to be cleared, then runs the probes "after".
  std::vector<Verdict> finish_run() override;
  std::vector<FaultPointStats> fault_activity() const override { return actuator_->activity(); }

 private:
  ServiceTarget(std::shared_ptr<const ServiceDecl> decl, const RunContext& context);
  std::vector<Verdict> probe(std::string_view when);
  Result<netload::NetLoadSpec> load_spec(const LoadSpec& load, Nanos duration, Nanos origin) const;

  std::shared_ptr<const ServiceDecl> decl_;
  Clock& clock_;
  std::uint64_t seed_;
  std::unique_ptr<RunningSystem> system_;
  std::unique_ptr<FaultActuator> actuator_;
  std::vector<Verdict> before_;
};

}  // namespace gauntlet::chaos::service::detail
