#include "gauntlet/ci/gate.h"

#include "comparison_interval.h"
#include "gate_advice.h"
#include "gate_decision.h"
#include "gauntlet/harness/stats/location_shift.h"
#include "gauntlet/harness/stats/multiple_testing.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

namespace gauntlet::ci {
using records::BenchmarkComparison;
using records::BenchmarkQuality;
using records::BudgetCheck;
using records::GateResult;
using records::GateSummary;
using records::MemoryCheck;
using records::RatioCheck;
using records::SampleSummary;
using records::ThroughputCheck;
using records::Verdict;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::size_t distinct_rounds(const MetricSamples& s) {
  return std::max<std::size_t>(1, std::set<int>(s.rounds.begin(), s.rounds.end()).size());
}

SampleSummary summarize(const MetricSamples& s) {
  return {s.values.size(), distinct_rounds(s), stats::median(s.values), stats::mad_sigma(s.values), s.aggregates_only};
}

// Threshold, summaries and interval of a benchmark present on both sides.
BenchmarkComparison measure(const std::string& name, const MetricSamples& base, const MetricSamples& cur,
                            const GateConfig& config, const NoiseModel& noise, const detail::IntervalSettings& common) {
  BenchmarkComparison c;
  c.name = name;
  c.baseline = summarize(base);
  c.current = summarize(cur);
  c.threshold = common.interleaved ? config.interleaved_threshold : config.default_threshold;
  c.threshold_source = common.interleaved ? "interleaved" : "config";
  for (const ThresholdRule& rule : config.thresholds) {
    if (glob_matches(rule.match, name)) {
      c.threshold = rule.threshold;
      c.threshold_source = "rule:" + rule.match;
      break;
    }
  }
  detail::IntervalSettings settings = common;
  if (auto it = noise.between_run_sigma.find(name); it != noise.between_run_sigma.end() && std::isfinite(it->second))
    settings.history_sigma = it->second;
  c.hodges_lehmann = stats::hodges_lehmann_shift(base.values, cur.values);
  c.min_detectable_effect = kInf;
  detail::estimate_interval(c, base, cur, config, settings);
  return c;
}

int order_of(Verdict v) {
  switch (v) {
    case Verdict::kRegressed:
      return 0;
    case Verdict::kErrored:
      return 1;
    case Verdict::kMissing:
      return 2;
    case Verdict::kInconclusive:
      return 3;
    case Verdict::kImproved:
      return 4;
    case Verdict::kNew:
      return 5;
    case Verdict::kUnchanged:
      return 6;
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
  c.min_detectable_effect = c.within_low = c.within_high = c.real_cpu_baseline = c.real_cpu_current = kNaN;
  c.noise_source = "none";
  c.contention = 0;
  return c;
}

}  // namespace

bool same_interleaved_run(const BenchmarkContext& baseline, const BenchmarkContext& current) {
  const auto b = baseline.extra.find(std::string(kInterleavedPairKey));
  const auto c = current.extra.find(std::string(kInterleavedPairKey));
  return b != baseline.extra.end() && c != current.extra.end() && !b->second.empty() && b->second == c->second;
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
      return Error(ErrorCode::kFailedPrecondition,
                   "runs come from different machines (" + diff + "); environment: refuse forbids comparing them");
    out.warnings.push_back("runs come from different machines: " + diff);
  }
  for (std::string& w : detail::environment_warnings(baseline.context, current.context))
    out.warnings.push_back(std::move(w));

  const bool interleaved = same_interleaved_run(baseline.context, current.context);
  auto looks = detail::sequential_looks(baseline.context, current.context, baseline.source, current.source);
  if (!looks.ok()) return looks.error();
  out.sequential_looks = interleaved ? *looks : 1;
  const double alpha = config.alpha / out.sequential_looks;
  detail::IntervalSettings settings;
  settings.interleaved = interleaved;
  settings.confidence = 1.0 - (1.0 - config.confidence) / out.sequential_looks;
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
                                    std::string(in_current ? "current" : "baseline") +
                                        " run errored: " + (in_current ? c->second.message : b->second.message)));
    } else if (c->second.skipped) {
      out.benchmarks.push_back(bare(name, Verdict::kMissing, "skipped in the current run: " + c->second.message));
    } else if (b->second.skipped) {
      out.benchmarks.push_back(bare(name, Verdict::kNew, "skipped in the baseline: " + b->second.message));
    } else {
      out.benchmarks.push_back(measure(name, b->second, c->second, config, noise, settings));
      if (!std::isnan(out.benchmarks.back().p_value)) tested.push_back(out.benchmarks.size() - 1);
      if (!warned_aggregates && (b->second.aggregates_only || c->second.aggregates_only)) {
        out.warnings.push_back(
            "a file holds only aggregates for some benchmarks; those are point comparisons "
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
      detail::decide(c, config, alpha);

  out.budgets = check_budgets(current, config.budgets, journals);
  out.throughput = check_throughput(current, config.budgets, journals);
  out.memory = check_memory(current.context, config.memory, current.source);
  out.ratios = check_ratios(current, config);
  out.quality = check_quality(current, config);

  for (std::string& a : detail::noise_advice(out, config, interleaved)) out.advice.push_back(std::move(a));
  for (std::string& w : detail::contention_warnings(out, config.metric)) out.warnings.push_back(std::move(w));
  tally(out, config);
  const GateSummary& s = out.summary;
  if (s.missing > 0) out.warnings.push_back(fmt::format("{} benchmark(s) missing from the current run", s.missing));
  if (!out.environment.same_machine && config.environment == EnvironmentPolicy::kAdvisory && s.regressed > 0)
    out.warnings.push_back(
        fmt::format("{} regression(s) are advisory: environment: advisory and the runs come "
                    "from different machines",
                    s.regressed));
  return out;
}

GateResult run_single_gate(const BenchmarkFile& current, const GateConfig& config,
                           const std::vector<OperationLatency>& journals) {
  GateResult out;
  out.current_source = current.source;
  out.metric = config.metric;
  out.alpha = config.alpha;
  out.seed = config.seed;
  out.budgets = check_budgets(current, config.budgets, journals);
  out.throughput = check_throughput(current, config.budgets, journals);
  out.memory = check_memory(current.context, config.memory, current.source);
  out.ratios = check_ratios(current, config);
  out.quality = check_quality(current, config);
  if (config.budgets.empty() && !config.memory.any() && config.ratios.empty() && !config.min_quality)
    out.warnings.push_back("no budgets, ratios or min_quality configured and no baseline: nothing was checked");
  tally(out, config);
  return out;
}

void tally(GateResult& r, const GateConfig& config) {
  std::stable_sort(r.benchmarks.begin(), r.benchmarks.end(), [](const auto& a, const auto& b) {
    if (order_of(a.verdict) != order_of(b.verdict)) return order_of(a.verdict) < order_of(b.verdict);
    return a.name < b.name;
  });
  GateSummary s;
  for (const BenchmarkComparison& c : r.benchmarks) {
    switch (c.verdict) {
      case Verdict::kRegressed:
        ++s.regressed;
        break;
      case Verdict::kImproved:
        ++s.improved;
        break;
      case Verdict::kUnchanged:
        ++s.unchanged;
        break;
      case Verdict::kInconclusive:
        ++s.inconclusive;
        break;
      case Verdict::kNew:
        ++s.added;
        break;
      case Verdict::kMissing:
        ++s.missing;
        break;
      case Verdict::kErrored:
        ++s.errored;
        break;
    }
  }
  for (const BudgetCheck& b : r.budgets) s.budget_breaches += b.breached ? 1 : 0;
  for (const ThroughputCheck& t : r.throughput) s.budget_breaches += t.breached ? 1 : 0;
  for (const MemoryCheck& m : r.memory) s.budget_breaches += m.breached ? 1 : 0;
  for (const RatioCheck& q : r.ratios) {
    s.ratio_regressions += q.verdict == "regressed" || q.verdict == "missing" ? 1 : 0;
    s.ratio_inconclusive += q.verdict == "inconclusive" ? 1 : 0;
  }
  for (const BenchmarkQuality& q : r.quality) s.quality_failures += q.below_minimum ? 1 : 0;
  r.summary = s;
  const bool advisory = !r.environment.same_machine && config.environment == EnvironmentPolicy::kAdvisory;
  const bool strict = config.inconclusive == InconclusivePolicy::kFail;
  r.passed = (advisory || s.regressed == 0) && s.errored == 0 && s.budget_breaches == 0 && s.ratio_regressions == 0 &&
             s.quality_failures == 0 && !(strict && (s.inconclusive > 0 || s.ratio_inconclusive > 0));
}

}  // namespace gauntlet::ci
