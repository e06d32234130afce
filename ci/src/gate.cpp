#include "gauntlet/ci/gate.h"

#include "gauntlet/harness/stats/bootstrap.h"
#include "gauntlet/harness/stats/location_shift.h"
#include "gauntlet/harness/stats/mann_whitney.h"
#include "gauntlet/harness/stats/multiple_testing.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

namespace gauntlet::ci {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string pct(double ratio) { return fmt::format("{:+.1f}%", (ratio - 1.0) * 100.0); }

std::size_t distinct_rounds(const MetricSamples& s) {
  return std::max<std::size_t>(1, std::set<int>(s.rounds.begin(), s.rounds.end()).size());
}

SampleSummary summarize(const MetricSamples& s) {
  return {s.values.size(), distinct_rounds(s), stats::median(s.values), stats::mad_sigma(s.values), s.aggregates_only};
}

// Fills everything but the verdict for a benchmark present on both sides.
BenchmarkComparison measure(const std::string& name, const MetricSamples& base, const MetricSamples& cur,
                            const GateConfig& config, const NoiseModel& noise, bool interleaved) {
  BenchmarkComparison c;
  c.name = name;
  c.baseline = summarize(base);
  c.current = summarize(cur);
  c.threshold = interleaved ? config.interleaved_threshold : config.default_threshold;
  c.threshold_source = interleaved ? "interleaved" : "config";
  for (const ThresholdRule& rule : config.thresholds) {
    if (glob_matches(rule.match, name)) {
      c.threshold = rule.threshold;
      c.threshold_source = "rule:" + rule.match;
      break;
    }
  }
  // Between-run noise does not separate the two sides of an interleaved run.
  if (auto it = noise.between_run_sigma.find(name); !interleaved && it != noise.between_run_sigma.end()) {
    const double learned = config.history_sigmas * it->second;
    if (learned > c.threshold) {
      c.threshold = learned;
      c.threshold_source = "history";
    }
  }
  c.ratio = c.baseline.median > 0 ? c.current.median / c.baseline.median : kNaN;
  c.ci_low = c.ci_high = c.ratio;
  c.p_value = c.p_adjusted = kNaN;
  c.hodges_lehmann = stats::hodges_lehmann_shift(base.values, cur.values);
  c.min_detectable_effect = kInf;
  if (base.aggregates_only || cur.aggregates_only || !(c.baseline.median > 0)) return c;
  if (auto mw = stats::mann_whitney_u(base.values, cur.values); mw.ok()) c.p_value = mw->p_value;
  stats::BootstrapOptions opts{config.seed, config.bootstrap_resamples, config.confidence};
  // Repetitions from several processes are clusters, not independent samples:
  // a process that runs slower throughout must widen the interval. Untagged
  // rows form one cluster, which is the plain bootstrap.
  if (auto ci = stats::bootstrap_ratio_of_medians(stats::ClusteredSample{base.values, base.rounds},
                                                  stats::ClusteredSample{cur.values, cur.rounds}, opts);
      ci.ok()) {
    c.ci_low = ci->low;
    c.ci_high = ci->high;
  }
  return c;
}

void decide(BenchmarkComparison& c, const GateConfig& config) {
  const double t = c.threshold;
  const bool point_only = c.baseline.aggregates_only || c.current.aggregates_only;
  const bool worse_is_up = !config.higher_is_better;
  // "beyond" in the bad direction: whole interval past the threshold.
  const bool all_worse = worse_is_up ? c.ci_low > 1.0 + t : c.ci_high < 1.0 - t;
  const bool all_better = worse_is_up ? c.ci_high < 1.0 - t : c.ci_low > 1.0 + t;
  const bool within = c.ci_low >= 1.0 - t && c.ci_high <= 1.0 + t;
  std::string interval = fmt::format("{} [{}, {}]", pct(c.ratio), pct(c.ci_low), pct(c.ci_high));
  if (c.baseline.rounds > 1 || c.current.rounds > 1)
    interval += fmt::format(" by process ({} vs {})", c.baseline.rounds, c.current.rounds);
  const std::string threshold = fmt::format("{:.1f}% threshold ({})", t * 100.0, c.threshold_source);

  if (!(c.baseline.median > 0)) {
    c.verdict = Verdict::kInconclusive;
    c.reason = "baseline median is not positive; no ratio";
    return;
  }
  if (point_only) {
    c.verdict = all_worse ? Verdict::kRegressed : all_better ? Verdict::kImproved : Verdict::kUnchanged;
    c.reason = fmt::format("aggregates only (weaker): {} vs {}", pct(c.ratio), threshold);
    return;
  }
  const auto n1 = c.baseline.n, n2 = c.current.n;
  const bool significant = c.p_adjusted < config.alpha;
  if (n1 < static_cast<std::size_t>(config.min_repetitions) || n2 < static_cast<std::size_t>(config.min_repetitions) ||
      stats::mann_whitney_min_p_value(n1, n2) > config.alpha) {
    c.verdict = Verdict::kInconclusive;
    c.min_detectable_effect = kInf;
    c.reason = fmt::format("too few repetitions ({} vs {}, need {}); no change is detectable", n1, n2,
                           config.min_repetitions);
    return;
  }
  c.min_detectable_effect = t + (c.ci_high - c.ci_low) / 2.0;
  if (significant && all_worse) {
    c.verdict = Verdict::kRegressed;
    c.reason = fmt::format("{} beyond {}, q={:.2g}", interval, threshold, c.p_adjusted);
  } else if (significant && all_better) {
    c.verdict = Verdict::kImproved;
    c.reason = fmt::format("{} beyond {}, q={:.2g}", interval, threshold, c.p_adjusted);
  } else if (within) {
    c.verdict = Verdict::kUnchanged;
    c.reason = fmt::format("{} within {}", interval, threshold);
  } else {
    c.verdict = Verdict::kInconclusive;
    c.reason = fmt::format("{} crosses {}, q={:.2g}; smallest detectable change {:.1f}%", interval, threshold,
                           c.p_adjusted, c.min_detectable_effect * 100.0);
  }
}

int order_of(Verdict v) {
  switch (v) {
    case Verdict::kRegressed: return 0;
    case Verdict::kErrored: return 1;
    case Verdict::kMissing: return 2;
    case Verdict::kInconclusive: return 3;
    case Verdict::kImproved: return 4;
    case Verdict::kNew: return 5;
    case Verdict::kUnchanged: return 6;
  }
  return 7;
}

BenchmarkComparison bare(const std::string& name, Verdict v, std::string reason) {
  BenchmarkComparison c;
  c.name = name;
  c.verdict = v;
  c.reason = std::move(reason);
  c.ratio = c.ci_low = c.ci_high = c.hodges_lehmann = c.p_value = c.p_adjusted = kNaN;
  c.baseline.median = c.current.median = c.baseline.mad_sigma = c.current.mad_sigma = kNaN;
  c.min_detectable_effect = kNaN;
  return c;
}

}  // namespace

bool same_interleaved_run(const BenchmarkContext& baseline, const BenchmarkContext& current) {
  const auto b = baseline.extra.find(std::string(kInterleavedPairKey));
  const auto c = current.extra.find(std::string(kInterleavedPairKey));
  return b != baseline.extra.end() && c != current.extra.end() && !b->second.empty() && b->second == c->second;
}

std::string_view to_string(Verdict v) noexcept {
  switch (v) {
    case Verdict::kRegressed: return "regressed";
    case Verdict::kImproved: return "improved";
    case Verdict::kUnchanged: return "unchanged";
    case Verdict::kInconclusive: return "inconclusive";
    case Verdict::kNew: return "new";
    case Verdict::kMissing: return "missing";
    case Verdict::kErrored: return "errored";
  }
  return "unknown";
}

Result<GateResult> run_gate(const BenchmarkFile& baseline, const BenchmarkFile& current, const GateConfig& config,
                            const NoiseModel& noise, const std::vector<OperationLatency>& journals) {
  GateResult out;
  out.baseline_source = baseline.source;
  out.current_source = current.source;
  out.metric = config.metric;
  out.alpha = config.alpha;
  out.seed = config.seed;
  out.environment = compare_environments(baseline.context, current.context);
  if (!out.environment.same_machine) {
    std::string diff;
    for (const auto& d : out.environment.differences) diff += (diff.empty() ? "" : "; ") + d;
    if (config.environment == EnvironmentPolicy::kRefuse)
      return Error(ErrorCode::kFailedPrecondition, "runs come from different machines (" + diff +
                                                       "); environment: refuse forbids comparing them");
    out.warnings.push_back("runs come from different machines: " + diff);
  }
  if (baseline.context.library_build_type == "debug" || current.context.library_build_type == "debug")
    out.warnings.push_back("a run used a debug build of Google Benchmark; timings may mislead");

  const bool interleaved = same_interleaved_run(baseline.context, current.context);
  auto base = extract_samples(baseline, config.metric);
  if (!base.ok()) return base.error();
  auto cur = extract_samples(current, config.metric);
  if (!cur.ok()) return cur.error();

  std::set<std::string> names;
  for (const auto& kv : *base) names.insert(kv.first);
  for (const auto& kv : *cur) names.insert(kv.first);
  bool warned_aggregates = false;
  std::vector<std::size_t> tested;  // indices with a p-value
  for (const std::string& name : names) {
    if (config.ignored(name)) continue;
    auto b = base->find(name);
    auto c = cur->find(name);
    if (b == base->end()) {
      out.benchmarks.push_back(bare(name, Verdict::kNew, "only in the current run"));
    } else if (c == cur->end()) {
      out.benchmarks.push_back(bare(name, Verdict::kMissing, "only in the baseline"));
    } else if (c->second.errored || b->second.errored) {
      const bool in_current = c->second.errored;
      out.benchmarks.push_back(bare(name, Verdict::kErrored,
                                    std::string(in_current ? "current" : "baseline") + " run errored: " +
                                        (in_current ? c->second.message : b->second.message)));
    } else if (c->second.skipped) {
      out.benchmarks.push_back(bare(name, Verdict::kMissing, "skipped in the current run: " + c->second.message));
    } else if (b->second.skipped) {
      out.benchmarks.push_back(bare(name, Verdict::kNew, "skipped in the baseline: " + b->second.message));
    } else {
      out.benchmarks.push_back(measure(name, b->second, c->second, config, noise, interleaved));
      if (!std::isnan(out.benchmarks.back().p_value)) tested.push_back(out.benchmarks.size() - 1);
      if (!warned_aggregates && (b->second.aggregates_only || c->second.aggregates_only)) {
        out.warnings.push_back("a file holds only aggregates for some benchmarks; those are point comparisons "
                               "against the threshold, statistically weaker than per-repetition data");
        warned_aggregates = true;
      }
    }
  }
  std::vector<double> p;
  for (std::size_t i : tested) p.push_back(out.benchmarks[i].p_value);
  const std::vector<double> adjusted = stats::benjamini_hochberg(p);
  for (std::size_t k = 0; k < tested.size(); ++k) out.benchmarks[tested[k]].p_adjusted = adjusted[k];
  for (BenchmarkComparison& c : out.benchmarks)
    if (c.verdict != Verdict::kNew && c.verdict != Verdict::kMissing && c.verdict != Verdict::kErrored)
      decide(c, config);

  std::stable_sort(out.benchmarks.begin(), out.benchmarks.end(), [](const auto& a, const auto& b) {
    if (order_of(a.verdict) != order_of(b.verdict)) return order_of(a.verdict) < order_of(b.verdict);
    return a.name < b.name;
  });
  out.budgets = check_budgets(current, config.budgets, journals);

  GateSummary& s = out.summary;
  for (const BenchmarkComparison& c : out.benchmarks) {
    switch (c.verdict) {
      case Verdict::kRegressed: ++s.regressed; break;
      case Verdict::kImproved: ++s.improved; break;
      case Verdict::kUnchanged: ++s.unchanged; break;
      case Verdict::kInconclusive: ++s.inconclusive; break;
      case Verdict::kNew: ++s.added; break;
      case Verdict::kMissing: ++s.missing; break;
      case Verdict::kErrored: ++s.errored; break;
    }
  }
  for (const BudgetCheck& b : out.budgets) s.budget_breaches += b.breached ? 1 : 0;
  if (s.missing > 0) out.warnings.push_back(fmt::format("{} benchmark(s) missing from the current run", s.missing));
  const bool advisory = !out.environment.same_machine && config.environment == EnvironmentPolicy::kAdvisory;
  if (advisory && s.regressed > 0)
    out.warnings.push_back(fmt::format("{} regression(s) are advisory: environment: advisory and the runs come "
                                       "from different machines", s.regressed));
  out.passed = (advisory || s.regressed == 0) && s.errored == 0 && s.budget_breaches == 0 &&
               !(config.inconclusive == InconclusivePolicy::kFail && s.inconclusive > 0);
  return out;
}

}  // namespace gauntlet::ci
