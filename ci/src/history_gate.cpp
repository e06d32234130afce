#include "gauntlet/ci/history_gate.h"

#include <utility>

namespace gauntlet::ci {

Result<GateResult> run_gate_with_history(const BenchmarkFile& baseline, const BenchmarkFile& current,
                                         const GateConfig& config, const History& history,
                                         const std::vector<OperationLatency>& journals) {
  auto noise = history.noise_model(config.metric, 60, config.history_min_runs, config.history_quantile);
  if (!noise.ok()) return noise.error();
  auto change_points = history.change_points(config.metric, config.seed);
  if (!change_points.ok()) return change_points.error();
  auto result = run_gate(baseline, current, config, *noise, journals);
  if (!result.ok()) return result.error();
  result->change_points = std::move(change_points).value();
  return result;
}

}  // namespace gauntlet::ci
