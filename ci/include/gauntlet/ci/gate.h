#pragma once
/// The statistical benchmark gate: baseline vs current Google Benchmark runs.
#include "gauntlet/ci/benchmark_file.h"
#include "gauntlet/ci/gate_config.h"
#include "gauntlet/ci/gate_result.h"
#include "gauntlet/ci/journal_latencies.h"
#include "gauntlet/harness/error.h"

#include <map>
#include <string>

namespace gauntlet::ci {

/// Between-run noise learned from history: relative sigma of each benchmark's
/// run medians across runs of unchanged code.
struct NoiseModel {
  std::map<std::string, double> between_run_sigma;  ///< run name -> relative sigma
};

/// Samples of `metric` for every run name (iteration rows; aggregates-only
/// files give their median or mean). Errors: kNotFound when no row carries the
/// counter named by `metric`.
struct MetricSamples {
  std::vector<double> values;
  std::vector<int> rounds;  ///< parallel to `values` (row `round`, -1 untagged); empty for aggregates
  bool aggregates_only = false;
  bool errored = false;
  bool skipped = false;
  std::string message;
};
Result<std::map<std::string, MetricSamples>> extract_samples(const BenchmarkFile& file, const std::string& metric);

/// Compares the files. Per benchmark: Mann-Whitney U, Hodges-Lehmann shift,
/// seeded bootstrap CI of the ratio of medians, Benjamini-Hochberg across the
/// suite; regressed only when significant and the whole interval lies beyond
/// the noise threshold (max of config and `noise` * history_sigmas).
/// Errors: kNotFound when the metric is in neither file; kFailedPrecondition
/// when the environments differ and the config refuses that.
/// `journals`: chaos journal phases as a further source for budgets.
Result<GateResult> run_gate(const BenchmarkFile& baseline, const BenchmarkFile& current, const GateConfig& config,
                            const NoiseModel& noise = {}, const std::vector<OperationLatency>& journals = {});

/// Budgets only, no comparison: `config.budgets` against chaos journal
/// phases (an operation no journal names is a breach). Passes when nothing is
/// breached; warns when no budget is configured.
GateResult run_budget_gate(const GateConfig& config, const std::vector<OperationLatency>& journals);

/// True when both contexts carry the same non-empty kInterleavedPairKey: the
/// gate then uses `interleaved_threshold` (see GateConfig).
bool same_interleaved_run(const BenchmarkContext& baseline, const BenchmarkContext& current);

/// Compares the two context blocks (host, CPUs, MHz, caches, build type, scaling).
EnvironmentCheck compare_environments(const BenchmarkContext& baseline, const BenchmarkContext& current);

/// Checks latency budgets: an operation named by a chaos journal phase
/// ("<scenario>/<phase>") against that phase's p50/p95/p99, any other against
/// the p50_ns/p95_ns/p99_ns counters of `current` (worst repetition). An
/// operation measured nowhere is a breach.
std::vector<BudgetCheck> check_budgets(const BenchmarkFile& current, const std::vector<LatencyBudget>& budgets,
                                       const std::vector<OperationLatency>& journals = {});

}  // namespace gauntlet::ci
