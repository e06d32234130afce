#pragma once
/// The gate informed by history: thresholds widened by the between-run noise
/// the history has seen, and the history's change points attached.
#include "gauntlet/ci/benchmark_file.h"
#include "gauntlet/ci/gate.h"
#include "gauntlet/ci/gate_config.h"
#include "gauntlet/records/gate_result.h"
#include "gauntlet/ci/history.h"
#include "gauntlet/harness/error.h"

namespace gauntlet::ci {

/// run_gate with learn_noise_model(history, config.metric, ...) as the noise
/// model (runs of machine class config.history_machine, or of the current
/// run's host when that is empty)
/// model and history_change_points(history, config.metric, config.seed) in
/// the result.
/// Errors: the history's and run_gate's.
Result<records::GateResult> run_gate_with_history(const BenchmarkFile& baseline, const BenchmarkFile& current,
                                                  const GateConfig& config, const records::HistoryStore& history,
                                                  const std::vector<OperationLatency>& journals = {});

}  // namespace gauntlet::ci
