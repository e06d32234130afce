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

/// Between-run noise learned from history: robust sigma (log scale, i.e.
/// relative) of one run's median of each benchmark, from the run medians of
/// the history (stats::robust_log_sigma). It widens the interval of separate
/// runs' ratio in place of the priors; the threshold stays the user's.
struct NoiseModel {
  std::map<std::string, double> between_run_sigma;  ///< run name -> sigma of one run (log)
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
  double real_over_cpu = 0;  ///< median of real_time / cpu_time over iteration rows; NaN without cpu time
};
Result<std::map<std::string, MetricSamples>> extract_samples(const BenchmarkFile& file, const std::string& metric);

/// Compares the files. Per benchmark: an interval of the ratio current /
/// baseline (interleaved rounds: paired, Wilcoxon signed-rank on per-round log
/// ratios; otherwise Mann-Whitney and a seeded bootstrap by process), widened
/// by between-run noise the repetitions cannot show (history's sigma, or the
/// process/run priors of `config`), Benjamini-Hochberg across the suite.
/// Regressed only when significant and the whole widened interval lies beyond
/// the threshold; unchanged only when it lies within +-threshold; otherwise
/// inconclusive. Files from a sequential run (kSequentialLooksKey) are judged
/// at Bonferroni-adjusted confidence and alpha. Errors: kNotFound when the
/// metric is in neither file; kFailedPrecondition when the environments differ
/// and the config refuses that. `journals`: chaos journal phases as a further
/// source for budgets.
Result<GateResult> run_gate(const BenchmarkFile& baseline, const BenchmarkFile& current, const GateConfig& config,
                            const NoiseModel& noise = {}, const std::vector<OperationLatency>& journals = {});

/// Orders `r.benchmarks` (regressions first, then errored, missing,
/// inconclusive, improved, new, unchanged; by name within), recounts
/// `r.summary` and sets `r.passed` under `config`'s policies.
void tally(GateResult& r, const GateConfig& config);

/// Budgets only, no comparison: `config.budgets` against chaos journal
/// phases (an operation no journal names is a breach). Passes when nothing is
/// breached; warns when no budget is configured.
GateResult run_budget_gate(const GateConfig& config, const std::vector<OperationLatency>& journals);

/// True when both contexts carry the same non-empty kInterleavedPairKey: the
/// gate then uses `interleaved_threshold` (see GateConfig).
bool same_interleaved_run(const BenchmarkContext& baseline, const BenchmarkContext& current);

/// Compares the two context blocks (host, CPUs, MHz, caches, build type,
/// scaling; load average as evidence only).
EnvironmentCheck compare_environments(const BenchmarkContext& baseline, const BenchmarkContext& current);

/// Checks latency budgets: an operation named by a chaos journal phase
/// ("<scenario>/<phase>") against that phase's p50/p95/p99, any other against
/// the p50_ns/p95_ns/p99_ns counters of `current` (worst repetition). An
/// operation measured nowhere is a breach.
std::vector<BudgetCheck> check_budgets(const BenchmarkFile& current, const std::vector<LatencyBudget>& budgets,
                                       const std::vector<OperationLatency>& journals = {});

}  // namespace gauntlet::ci
