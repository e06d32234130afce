#pragma once
/// What the benchmark gate compares and how strict it is, usually read from a
/// YAML file (see docs/gate.md for every field).
#include "gauntlet/records/gate_result.h"
#include "gauntlet/harness/error.h"

#include <optional>

#include <cstdint>
#include <string>
#include <vector>

namespace gauntlet::ci {

/// A noise threshold for benchmarks whose run name matches a glob (fnmatch).
struct ThresholdRule {
  std::string match;     ///< e.g. "BM_Sort/*"
  double threshold = 0;  ///< relative, 0.05 = 5%
};

/// An absolute budget for one operation (seed-style performance_budgets.yaml):
/// tail-latency ceilings in nanoseconds and a throughput floor; 0 = no limit.
struct LatencyBudget {
  std::string operation;  ///< benchmark run name carrying p50_ns/p95_ns/p99_ns counters
  double p50_ns = 0;
  double p95_ns = 0;
  double p99_ns = 0;
  double tolerance_pct = 10;  ///< ceilings breach above limit * (1 + t/100), floors below limit * (1 - t/100)
  /// Floor on operations per second: the benchmark's `throughput_counter`
  /// (items_per_second, from SetItemsProcessed), or a chaos phase's throughput_rps.
  double min_throughput = 0;
  std::string throughput_counter = "items_per_second";
  /// Fewest samples behind a verdict (latency: the `latency_samples` counter
  /// of the judged repetition or the phase's completed requests; throughput:
  /// repetitions). Fewer fails the check as "too_few_samples". 0 = no minimum.
  int min_samples = 0;
};

/// Memory budgets of the whole current run (`budgets:` max_memory_mb,
/// max_memory_growth_mb), judged against what `gauntlet bench run` measured
/// (kPeakRssKey, kRssGrowthKey in the run's context). Hard ceilings: no
/// tolerance_pct applies. 0 = no limit.
struct MemoryBudget {
  double max_memory_mb = 0;         ///< ceiling on the peak resident set (VmHWM) of any process, MiB
  double max_memory_growth_mb = 0;  ///< ceiling on any process's last resident-set reading less its first, MiB

  /// True when either limit is set.
  bool any() const { return max_memory_mb > 0 || max_memory_growth_mb > 0; }
};

/// An overhead rule judged within one run file: numerator / denominator of
/// `metric` (per repetition or per round, paired) must stay within [min, max].
struct RatioRule {
  std::string name;         ///< "<numerator> / <denominator>" unless named
  std::string numerator;    ///< run name, e.g. "BM_Span/instrumented"
  std::string denominator;  ///< run name, e.g. "BM_Span/plain"
  double max = 0;           ///< 0 = no upper limit
  double min = 0;           ///< 0 = no lower limit
  std::string metric;       ///< empty: the config's metric
};

enum class InconclusivePolicy { kWarn, kFail };
/// When the two runs come from different machines: kWarn compares and warns;
/// kRefuse is an error; kAdvisory compares and warns, but regressions then do
/// not fail the gate (budgets and errors still do), e.g. a committed baseline
/// recorded elsewhere.
enum class EnvironmentPolicy { kWarn, kRefuse, kAdvisory };

struct GateConfig {
  std::string metric = "real_time";  ///< "real_time", "cpu_time" or a user counter name
  bool higher_is_better = false;     ///< true for throughput counters
  double alpha = 0.05;               ///< false discovery rate across the suite
  double confidence = 0.95;          ///< bootstrap interval coverage
  double default_threshold = 0.05;   ///< relative noise threshold
  /// Threshold when both files come from one interleaved `gauntlet bench run`
  /// (same `gauntlet_interleaved_pair` in their contexts): the two sides shared
  /// the machine's mood, so no between-run margin is needed. Rules still win.
  double interleaved_threshold = 0.01;
  std::vector<ThresholdRule> thresholds;  ///< first match wins
  std::vector<std::string> ignore;        ///< globs of run names to skip
  int min_repetitions = 5;                ///< fewer gives "inconclusive"
  int bootstrap_resamples = 2000;
  std::uint64_t seed = 1;
  /// Accepted so that older configs still load; no longer used: noise from
  /// history widens the interval, never the threshold.
  double history_sigmas = 3.64;
  /// Between-process noise prior: sigma (relative) of one process's median
  /// around the code's speed (its memory layout, its luck with the machine).
  /// A side whose repetitions come from one process cannot show it, so it is
  /// added for such a side (sigma^2 / P for a side of P < 3 processes).
  double process_noise = 0.02;
  /// Between-run noise prior: sigma (relative) of the mood of the machine
  /// during one run. Added for each side of separate runs when no history
  /// knows the benchmark; interleaved sides share the mood.
  double run_noise = 0.03;
  /// History's noise estimate: the quantile of |successive differences| of
  /// run medians that sets sigma (stats::robust_log_sigma). Runs that make
  /// fewer than 1 - quantile of the differences (contaminated ones) are
  /// ignored; a slow mode more common than that counts as noise.
  double history_quantile = 0.75;
  /// Fewest runs of a benchmark in history before its sigma replaces the priors.
  int history_min_runs = 8;
  /// The machine class (records::HistoryContext::machine) whose runs in
  /// history the noise is learned from; empty: the current run's host name.
  /// Runs of other classes say nothing about this machine's noise.
  std::string history_machine;
  /// Tail shape of between-run noise: Student's t degrees of freedom (see
  /// stats::noise_quantile). Infinity would assume normal noise.
  double noise_tail_df = 3;
  InconclusivePolicy inconclusive = InconclusivePolicy::kWarn;
  EnvironmentPolicy environment = EnvironmentPolicy::kWarn;
  std::vector<LatencyBudget> budgets;
  MemoryBudget memory;  ///< `budgets:` max_memory_mb, max_memory_growth_mb
  std::vector<RatioRule> ratios;
  /// Lowest sample-quality grade a benchmark of the current run may have;
  /// unset = quality is reported, never judged.
  std::optional<records::QualityGrade> min_quality;

  /// Threshold for a run name: first matching rule, else the default.
  double threshold_for(const std::string& run_name) const;
  /// True when a glob in `ignore` matches.
  bool ignored(const std::string& run_name) const;
};

/// Parses YAML text. Errors: kParseError / kSchemaError as
/// "<source>:<line>:<col>: <field>: <what>": malformed or too deeply nested
/// YAML, unknown or repeated keys, text that is not UTF-8, numbers outside
/// their documented range, fractions where a whole number is due, lists over
/// 10,000 entries.
Result<GateConfig> parse_gate_config(const std::string& yaml_text, const std::string& source);

/// Reads a YAML file through gauntlet::read_input_file: kNotFound when
/// missing, kInvalidArgument for a directory or device, kOutOfRange over
/// GAUNTLET_MAX_INPUT_BYTES; then as parse_gate_config.
Result<GateConfig> read_gate_config(const std::string& path);

/// Glob match (fnmatch rules, '*' crosses '/').
bool glob_matches(const std::string& pattern, const std::string& name);

}  // namespace gauntlet::ci
