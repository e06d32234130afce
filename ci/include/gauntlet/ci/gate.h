#pragma once
/// The statistical benchmark gate: baseline vs current Google Benchmark runs.
#include "gauntlet/ci/benchmark_file.h"
#include "gauntlet/ci/gate_config.h"
#include "gauntlet/records/gate_result.h"
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
/// at Bonferroni-adjusted confidence and alpha. Budgets, memory budgets
/// (check_memory) and ratio rules are judged on `current`. Errors: kNotFound when the
/// metric is in neither file; kFailedPrecondition when the environments differ
/// and the config refuses that. `journals`: chaos journal phases as a further
/// source for budgets.
Result<records::GateResult> run_gate(const BenchmarkFile& baseline, const BenchmarkFile& current,
                                     const GateConfig& config, const NoiseModel& noise = {},
                                     const std::vector<OperationLatency>& journals = {});

/// Orders `r.benchmarks` (regressions first, then errored, missing,
/// inconclusive, improved, new, unchanged; by name within), recounts
/// `r.summary` and sets `r.passed` under `config`'s policies.
void tally(records::GateResult& r, const GateConfig& config);

/// Budgets only, no comparison: `config.budgets` (latency and throughput)
/// against chaos journal phases (an operation no journal names is a breach);
/// memory budgets, which need a run file, are "not_measured".
/// Passes when nothing is breached; warns when no budget is configured and
/// when ratio rules are configured (they need a run file).
records::GateResult run_budget_gate(const GateConfig& config, const std::vector<OperationLatency>& journals);

/// True when both contexts carry the same non-empty kInterleavedPairKey: the
/// gate then uses `interleaved_threshold` (see GateConfig).
bool same_interleaved_run(const BenchmarkContext& baseline, const BenchmarkContext& current);

/// Compares the two context blocks (host, CPUs, MHz, caches, build type,
/// scaling; load average as evidence only).
records::EnvironmentCheck compare_environments(const BenchmarkContext& baseline, const BenchmarkContext& current);

/// One run, no comparison: `config.budgets` (latency and throughput),
/// `config.memory` and `config.ratios` against `current`, journals as a further budget source.
/// Fails on a breach or a regressed or missing ratio; inconclusive ratios fail
/// only under `inconclusive: fail`.
records::GateResult run_single_gate(const BenchmarkFile& current, const GateConfig& config,
                                    const std::vector<OperationLatency>& journals = {});

/// Checks latency budgets: an operation named by a chaos journal phase
/// ("<scenario>/<phase>") against that phase's p50/p95/p99, any other against
/// the p50_ns/p95_ns/p99_ns counters of `current` (worst repetition). An
/// operation measured nowhere is a breach.
std::vector<records::BudgetCheck> check_budgets(const BenchmarkFile& current, const std::vector<LatencyBudget>& budgets,
                                                const std::vector<OperationLatency>& journals = {});

/// Checks throughput floors (`min_throughput`): a chaos journal phase's
/// throughput_rps, else the slowest repetition's `throughput_counter` in
/// `current` (the median aggregate when only aggregates exist). An operation
/// measured nowhere is "not_measured"; fewer samples than min_samples (phase:
/// completed requests; benchmark: repetitions) is "too_few_samples".
std::vector<records::ThroughputCheck> check_throughput(const BenchmarkFile& current,
                                                       const std::vector<LatencyBudget>& budgets,
                                                       const std::vector<OperationLatency>& journals = {});

/// Checks `memory` against `current`'s context (peak_rss_bytes,
/// rss_growth_bytes, written by `gauntlet bench run`): one MemoryCheck per
/// limit set, "peak" then "growth", each limit MiB * 2^20 bytes. "within"
/// when measured <= limit, "breached" above it, "not_measured" (a failure,
/// with a reason saying the run must come from `gauntlet bench run`) when
/// the context lacks the value; `source` names the run in that reason.
std::vector<records::MemoryCheck> check_memory(const BenchmarkContext& current, const MemoryBudget& memory,
                                               const std::string& source);

/// Sample quality of one benchmark's samples: repetitions, dispersion
/// (mad_sigma / median), the distribution-free 95% interval of the median
/// (order statistics x(k), x(n+1-k) with k from the binomial; unbounded below
/// 6 repetitions), and the grade: good with >= 10 repetitions and the
/// interval within +-1% of the median, fair with >= 6 and within +-5%, poor
/// otherwise, none without repetitions (aggregates only).
records::BenchmarkQuality assess_quality(const std::string& name, const MetricSamples& samples);

/// assess_quality for every benchmark of `current` on `config.metric` (not
/// ignored, errored or skipped), `below_minimum` set against `min_quality`.
std::vector<records::BenchmarkQuality> check_quality(const BenchmarkFile& current, const GateConfig& config);

/// Judges `config.ratios` on one run file: per rule, the numerator's and the
/// denominator's repetitions are paired by round (round medians, rows tagged
/// `gauntlet_round`) or else by repetition_index (both benchmarks in one
/// process), and exp(Hodges-Lehmann) of the log ratios with its signed-rank
/// interval at `config.confidence` (1 - (1 - confidence) / k for k rules:
/// Bonferroni, so that any rule fails unchanged code at most 1 - confidence
/// of the time) is compared with max / min: "regressed"
/// when the whole interval lies beyond a limit, "within" when it lies wholly
/// inside, "inconclusive" otherwise (including too few pairs for a finite
/// interval: 6 at 95%), "missing" when a side is absent, errored or skipped.
std::vector<records::RatioCheck> check_ratios(const BenchmarkFile& run, const GateConfig& config);

}  // namespace gauntlet::ci
