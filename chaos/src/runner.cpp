#include "gauntlet/chaos/runner.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "gauntlet/chaos/fault_registry.h"
#include "gauntlet/harness/shell_line.h"
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

std::string replay_command(const std::vector<std::string>& what, std::uint64_t seed, TimeMode mode) {
  std::vector<std::string> argv{"gauntlet", "chaos", "run"};
  argv.insert(argv.end(), what.begin(), what.end());
  argv.insert(argv.end(), {"--seed", std::to_string(seed), "--time", std::string(to_string(mode))});
  return shell_line(argv);
}

namespace detail {

Status check_target_names(const Scenario& scenario, const Target& target) {
  auto unknown = [&](std::string_view what, const std::string& name, const std::vector<std::string>& known) {
    return Error(ErrorCode::kInvalidArgument, fmt::format("scenario '{}': {} '{}' is not one of the target's ({})",
                                                          scenario.name, what, name, fmt::join(known, ", ")));
  };
  if (const auto points = target.fault_points()) {
    for (const std::string& point : scenario.schedule.points()) {
      if (std::find(points->begin(), points->end(), point) == points->end())
        return unknown("fault point", point, *points);
    }
  }
  std::vector<std::string> breakers;
  for (const BreakerState& b : target.breakers()) breakers.push_back(b.breaker);
  if (!breakers.empty()) {
    for (const Hypothesis& h : scenario.hypotheses) {
      if (!h.breaker.empty() && std::find(breakers.begin(), breakers.end(), h.breaker) == breakers.end()) {
        return unknown("breaker", h.breaker, breakers);
      }
    }
  }
  return {};
}

}  // namespace detail

Result<RunRecord> run_scenario(const Scenario& scenario, const RunOptions& options) {
  if (auto s = scenario.validate(); !s) return s.error();
  if (scenario.real_time_only && options.mode == TimeMode::kVirtual) {
    return Error(
        ErrorCode::kInvalidArgument,
        fmt::format("scenario '{}' runs real processes and sockets: real time only (--time real)", scenario.name));
  }
  FaultRegistry::instance().reset(options.seed);
  auto run =
      options.mode == TimeMode::kVirtual ? detail::run_virtual(scenario, options) : detail::run_real(scenario, options);
  if (!run) return run.error();
  RunRecord record = std::move(*run);
  record.replay =
      replay_command(options.replay_as.empty() ? std::vector<std::string>{scenario.name} : options.replay_as,
                     options.seed, options.mode);
  // The runner may have put the target's own verdicts (steady-state probes) first.
  for (const auto& h : scenario.hypotheses) record.verdicts.push_back(check(h, record, scenario.schedule));
  return record;
}

}  // namespace gauntlet::chaos
