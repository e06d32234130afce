#include "gauntlet/chaos/runner.h"

#include <fmt/format.h>

#include "gauntlet/chaos/fault_registry.h"
#include "runners.h"

namespace gauntlet::chaos {

bool RunRecord::passed() const {
  for (const auto& v : verdicts) {
    if (!v.holds) return false;
  }
  return true;
}

const PhaseStats* RunRecord::phase(const std::string& name) const {
  for (const auto& p : phases) {
    if (p.phase == name) return &p;
  }
  return nullptr;
}

std::string replay_command(std::string_view what, std::uint64_t seed, TimeMode mode) {
  return fmt::format("gauntlet chaos run {} --seed {} --time {}", what, seed, to_string(mode));
}

Result<RunRecord> run_scenario(const Scenario& scenario, const RunOptions& options) {
  if (auto s = scenario.validate(); !s) return s.error();
  if (scenario.real_time_only && options.mode == TimeMode::kVirtual) {
    return Error(ErrorCode::kInvalidArgument,
                 fmt::format("scenario '{}' runs real processes and sockets: real time only (--time real)", scenario.name));
  }
  FaultRegistry::instance().reset(options.seed);
  auto run = options.mode == TimeMode::kVirtual ? detail::run_virtual(scenario, options)
                                                 : detail::run_real(scenario, options);
  if (!run) return run.error();
  RunRecord record = std::move(*run);
  record.replay = replay_command(options.replay_as.empty() ? scenario.name : options.replay_as, options.seed,
                                 options.mode);
  // The runner may have put the target's own verdicts (steady-state probes) first.
  for (const auto& h : scenario.hypotheses) record.verdicts.push_back(check(h, record, scenario.schedule));
  return record;
}

}  // namespace gauntlet::chaos
