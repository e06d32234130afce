#include "gauntlet/ci/history_gate.h"

#include <utility>

namespace gauntlet::ci {
using records::GateResult;

Result<GateResult> run_gate_with_history(const BenchmarkFile& baseline, const BenchmarkFile& current,
                                         const GateConfig& config, const records::HistoryStore& history,
                                         const std::vector<OperationLatency>& journals) {
  const std::string& machine = config.history_machine.empty() ? current.context.host_name : config.history_machine;
  auto noise = learn_noise_model(history, config.metric, 60, config.history_min_runs, config.history_quantile, machine);
  if (!noise.ok()) return noise.error();
  auto change_points = history_change_points(history, config.metric, config.seed);
  if (!change_points.ok()) return change_points.error();
  auto result = run_gate(baseline, current, config, *noise, journals);
  if (!result.ok()) return result.error();
  result->change_points = std::move(change_points).value();
  return result;
}

}  // namespace gauntlet::ci
