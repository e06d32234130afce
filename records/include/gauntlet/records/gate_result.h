#pragma once
/// GateResult: what the benchmark gate decided, as plain data — the one
/// declaration of the `gauntlet.gate/1` record (docs/gate.md). The gate fills
/// it, gate_result_json.h writes and reads it, and every reporter formats it;
/// the gate itself never formats.
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gauntlet::records {

inline constexpr std::string_view kGateSchema = "gauntlet.gate/1";

enum class Verdict { kRegressed, kImproved, kUnchanged, kInconclusive, kNew, kMissing, kErrored };

/// Stable lower-case name: "regressed", "improved", ...
std::string_view to_string(Verdict v) noexcept;
/// The verdict named `name` (as to_string writes it); nullopt for any other.
std::optional<Verdict> verdict_named(std::string_view name) noexcept;

/// Summary of one side's samples of the chosen metric.
struct SampleSummary {
  std::size_t n = 0;       ///< repetitions used (1 for aggregates-only files)
  std::size_t rounds = 1;  ///< processes they came from (`gauntlet_round`); 1 when untagged
  double median = 0;       ///< in the metric's unit (ns for times)
  double mad_sigma = 0;    ///< robust spread
  bool aggregates_only = false;
};

/// One benchmark's comparison. Ratios are current / baseline; NaN fields are
/// written as null.
struct BenchmarkComparison {
  std::string name;  ///< run name
  Verdict verdict = Verdict::kInconclusive;
  SampleSummary baseline;
  SampleSummary current;
  double ratio = 0;   ///< median(current) / median(baseline); paired rounds: exp(Hodges-Lehmann of log ratios)
  double ci_low = 0;  ///< interval of the ratio, widened by between-run noise (the one judged)
  double ci_high = 0;
  double hodges_lehmann = 0;         ///< shift current - baseline, metric unit
  double p_value = 1;                ///< two-sided: Mann-Whitney, or Wilcoxon signed-rank for paired rounds
  double p_adjusted = 1;             ///< Benjamini-Hochberg across the suite
  double threshold = 0;              ///< the practical limit (relative); noise never changes it
  std::string threshold_source;      ///< "config", "interleaved" or "rule:<glob>"
  double min_detectable_effect = 0;  ///< relative; infinity when none is detectable
  std::string reason;                ///< one line, human readable
  /// How the interval was formed: "paired rounds" (interleaved rounds, one
  /// log ratio per round), "bootstrap" or "bootstrap by process".
  std::string method;
  double within_low = 0;  ///< interval from the repetitions alone, before widening
  double within_high = 0;
  double noise_sigma = 0;    ///< between-run sigma (log) of the ratio that widened it; 0 when none
  std::string noise_source;  ///< "none", "prior" or "history"
  /// Median real_time / cpu_time per side (NaN without cpu time): a side far
  /// above 1 on a single-threaded benchmark waited for the CPU.
  double real_cpu_baseline = 0;
  double real_cpu_current = 0;
  /// log(real_cpu_current / real_cpu_baseline) by which a real_time interval
  /// was stretched towards no change (a side waited for the CPU); 0 when not.
  double contention = 0;
  /// Set when `--confirm-with` re-ran the benchmark interleaved and this
  /// verdict comes from that run: the separate runs' verdict.
  std::string separate_verdict;
};

/// A latency ceiling, judged "within", "breached", "too_few_samples" (fewer
/// than min_samples stand behind the value) or "not_measured"; anything but
/// "within" sets `breached` and fails the gate. margin = (allowed - measured) / allowed: the share of
/// the allowed value left unused, negative on a breach, NaN when not measured.
/// ci_low_ns / ci_high_ns: the 95% interval of the measured quantile (the
/// judged repetition's `<q>_ns_low` / `<q>_ns_high` counters, written by
/// LatencyRecorder); informational only, the verdict compares measured_ns.
struct BudgetCheck {
  std::string operation;
  std::string quantile;  ///< "p50", "p95", "p99"
  double limit_ns = 0;
  double tolerance_pct = 0;
  double measured_ns = 0;  ///< NaN when the counter is absent
  bool breached = false;
  double allowed_ns = 0;  ///< limit_ns * (1 + tolerance_pct / 100)
  double margin = 0;
  std::int64_t samples = -1;  ///< latencies behind the quantile; -1 when the source does not say
  int min_samples = 0;
  std::string verdict = "within";
  /// Lower / upper bound of the quantile's 95% interval; NaN (JSON null) when
  /// the source gave none: unbounded on that side, or not reported at all.
  double ci_low_ns = std::numeric_limits<double>::quiet_NaN();
  double ci_high_ns = std::numeric_limits<double>::quiet_NaN();
};

/// A throughput floor, in operations per second. margin = (measured -
/// allowed) / allowed: how far above the allowed floor, negative on a breach.
struct ThroughputCheck {
  std::string operation;
  std::string counter;  ///< benchmark counter, or "throughput_rps" for a chaos phase
  double limit = 0;     ///< ops/s
  double tolerance_pct = 0;
  double allowed = 0;   ///< limit * (1 - tolerance_pct / 100)
  double measured = 0;  ///< slowest repetition (a floor is a limit); NaN when not measured
  double margin = 0;
  std::int64_t samples = -1;  ///< repetitions (benchmarks); -1 when the source does not say
  int min_samples = 0;
  std::string verdict = "within";
  bool breached = false;
};

/// A memory ceiling of the whole current run, in bytes, against what
/// `gauntlet bench run` measured (the max over the run's benchmark processes).
/// "within" (measured <= limit), "breached" (above), or "not_measured" (the
/// run file does not say: it did not come from `gauntlet bench run`); anything
/// but "within" sets `breached` and fails the gate. margin = (limit -
/// measured) / limit: the share of the limit left unused, negative on a
/// breach, NaN when not measured.
struct MemoryCheck {
  /// "peak": highest resident set (VmHWM) of any process; "growth": largest
  /// growth of any process, its last resident-set reading less its first.
  std::string kind;
  double limit_bytes = 0;
  double measured_bytes = 0;  ///< NaN when the run does not say
  double margin = 0;
  std::string verdict = "within";
  bool breached = false;
  std::string reason;  ///< one line, human readable
};

/// An overhead rule judged on one run: exp(Hodges-Lehmann) of the paired log
/// ratios numerator / denominator and its signed-rank interval.
struct RatioCheck {
  std::string name, numerator, denominator, metric;
  double max = 0;       ///< 0 = none
  double min = 0;       ///< 0 = none
  std::string pairing;  ///< "round" (round medians) or "repetition" (repetition_index)
  std::size_t pairs = 0;
  double ratio = 0;  ///< NaN when not measured
  double ci_low = 0, ci_high = 0;
  double p_value = 1;  ///< signed-rank test of the log ratios against log(max) (or log(min))
  /// (max - ratio) / max, or (ratio - min) / min, the smaller when both.
  double margin = 0;
  /// "within" (whole interval inside the limits), "regressed" (whole interval
  /// beyond one), "inconclusive" or "missing" (a side absent or errored).
  std::string verdict = "inconclusive";
  std::string reason;
};

struct EnvironmentCheck {
  bool same_machine = true;
  std::vector<std::string> differences;  ///< "host_name: a vs b"
};

/// A change point in a benchmark's history series (listed, not judged).
struct HistoryChangePoint {
  std::string name;
  std::size_t index = 0;  ///< position in the series (oldest = 0)
  std::string revision;   ///< git revision of the first run after the change
  double before = 0;      ///< segment means
  double after = 0;
};

/// How far a benchmark's median in the current run can be trusted, the same
/// grades as chaos phases (docs/gate.md has the thresholds).
enum class QualityGrade { kNone, kPoor, kFair, kGood };
std::string_view to_string(QualityGrade g) noexcept;
/// The grade named `name` ("none", "poor", "fair", "good"); nullopt for any other.
std::optional<QualityGrade> quality_grade_named(std::string_view name) noexcept;

/// Sample quality of one benchmark of the current run, on the gate's metric.
struct BenchmarkQuality {
  std::string name;
  std::size_t samples = 0;  ///< repetitions (0 when the file has only aggregates)
  std::size_t rounds = 1;   ///< processes they came from (`gauntlet_round`)
  double median = 0;        ///< metric unit; NaN without repetitions
  double dispersion = 0;    ///< mad_sigma / median (robust coefficient of variation)
  /// Distribution-free 95% interval of the median (order statistics of the
  /// binomial); NaN when too few repetitions bound it (fewer than 6).
  double median_low = 0, median_high = 0;
  /// max(median - low, high - median) / median; infinity when unbounded.
  double interval_halfwidth = 0;
  QualityGrade grade = QualityGrade::kNone;
  bool below_minimum = false;  ///< grade below the config's min_quality
};

struct GateSummary {
  int regressed = 0, improved = 0, unchanged = 0, inconclusive = 0, added = 0, missing = 0, errored = 0;
  int budget_breaches = 0;    ///< latency, throughput and memory budgets not "within"
  int ratio_regressions = 0;  ///< ratio rules "regressed" or "missing"
  int ratio_inconclusive = 0;
  int quality_failures = 0;  ///< benchmarks graded below min_quality
};

struct GateResult {
  bool passed = true;
  std::string baseline_source, current_source;
  std::string metric;
  double alpha = 0;
  std::uint64_t seed = 0;
  std::string rerun;  ///< command line that reproduces the decision
  EnvironmentCheck environment;
  std::vector<std::string> warnings;
  std::vector<BenchmarkComparison> benchmarks;  ///< regressions first, then by name
  std::vector<BudgetCheck> budgets;
  std::vector<ThroughputCheck> throughput;
  std::vector<MemoryCheck> memory;  ///< the run's memory budgets: peak first, then growth
  std::vector<RatioCheck> ratios;
  std::vector<BenchmarkQuality> quality;  ///< every benchmark of the current run, by name
  std::vector<HistoryChangePoint> change_points;
  GateSummary summary;
  /// Planned looks of a sequential (`--until-decided`) run; 1 otherwise. The
  /// interval and alpha of each look are Bonferroni-adjusted by it.
  int sequential_looks = 1;
  /// What to do for a decisive answer (e.g. each side was a single process).
  std::vector<std::string> advice;
};

}  // namespace gauntlet::records
