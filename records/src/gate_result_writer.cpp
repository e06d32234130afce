#include "gauntlet/records/gate_result_json.h"

#include <nlohmann/json.hpp>

#include <cmath>

namespace gauntlet::records {
namespace {

using nlohmann::json;

json num(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

json count(std::int64_t v) { return v >= 0 ? json(v) : json(nullptr); }

json summary_json(const SampleSummary& s) {
  return {{"n", s.n},
          {"rounds", s.rounds},
          {"median", num(s.median)},
          {"mad_sigma", num(s.mad_sigma)},
          {"aggregates_only", s.aggregates_only}};
}

}  // namespace

std::string gate_result_json(const GateResult& r) {
  json doc;
  doc["schema"] = std::string(kGateSchema);
  doc["verdict"] = r.passed ? "pass" : "fail";
  doc["baseline"] = r.baseline_source;
  doc["current"] = r.current_source;
  doc["metric"] = r.metric;
  doc["alpha"] = r.alpha;
  doc["seed"] = r.seed;
  doc["rerun"] = r.rerun;
  doc["environment"] = {{"same_machine", r.environment.same_machine}, {"differences", r.environment.differences}};
  doc["warnings"] = r.warnings;
  doc["advice"] = r.advice;
  doc["sequential_looks"] = r.sequential_looks;
  const GateSummary& s = r.summary;
  doc["summary"] = {{"regressed", s.regressed},
                    {"improved", s.improved},
                    {"unchanged", s.unchanged},
                    {"inconclusive", s.inconclusive},
                    {"new", s.added},
                    {"missing", s.missing},
                    {"errored", s.errored},
                    {"budget_breaches", s.budget_breaches},
                    {"ratio_regressions", s.ratio_regressions},
                    {"ratio_inconclusive", s.ratio_inconclusive},
                    {"quality_failures", s.quality_failures}};
  json rows = json::array();
  for (const BenchmarkComparison& c : r.benchmarks) {
    rows.push_back({{"name", c.name},
                    {"verdict", std::string(to_string(c.verdict))},
                    {"baseline", summary_json(c.baseline)},
                    {"current", summary_json(c.current)},
                    {"ratio", num(c.ratio)},
                    {"ci_low", num(c.ci_low)},
                    {"ci_high", num(c.ci_high)},
                    {"hodges_lehmann", num(c.hodges_lehmann)},
                    {"p_value", num(c.p_value)},
                    {"p_adjusted", num(c.p_adjusted)},
                    {"threshold", num(c.threshold)},
                    {"threshold_source", c.threshold_source},
                    {"min_detectable_effect", num(c.min_detectable_effect)},
                    {"reason", c.reason},
                    {"method", c.method},
                    {"within_low", num(c.within_low)},
                    {"within_high", num(c.within_high)},
                    {"noise_sigma", num(c.noise_sigma)},
                    {"noise_source", c.noise_source},
                    {"real_cpu", {{"baseline", num(c.real_cpu_baseline)}, {"current", num(c.real_cpu_current)}}},
                    {"contention", num(c.contention)}});
    if (!c.separate_verdict.empty()) rows.back()["separate_verdict"] = c.separate_verdict;
  }
  doc["benchmarks"] = rows;
  json budgets = json::array();
  for (const BudgetCheck& b : r.budgets)
    budgets.push_back({{"operation", b.operation},
                       {"quantile", b.quantile},
                       {"limit_ns", b.limit_ns},
                       {"tolerance_pct", b.tolerance_pct},
                       {"measured_ns", num(b.measured_ns)},
                       {"breached", b.breached},
                       {"allowed_ns", num(b.allowed_ns)},
                       {"margin", num(b.margin)},
                       {"samples", count(b.samples)},
                       {"min_samples", b.min_samples},
                       {"verdict", b.verdict},
                       {"ci_low_ns", num(b.ci_low_ns)},
                       {"ci_high_ns", num(b.ci_high_ns)}});
  doc["budgets"] = budgets;
  json throughput = json::array();
  for (const ThroughputCheck& t : r.throughput)
    throughput.push_back({{"operation", t.operation},
                          {"counter", t.counter},
                          {"limit", t.limit},
                          {"tolerance_pct", t.tolerance_pct},
                          {"allowed", num(t.allowed)},
                          {"measured", num(t.measured)},
                          {"margin", num(t.margin)},
                          {"samples", count(t.samples)},
                          {"min_samples", t.min_samples},
                          {"verdict", t.verdict},
                          {"breached", t.breached}});
  doc["throughput"] = throughput;
  json memory = json::array();
  for (const MemoryCheck& m : r.memory)
    memory.push_back({{"kind", m.kind},
                      {"limit_bytes", m.limit_bytes},
                      {"measured_bytes", num(m.measured_bytes)},
                      {"margin", num(m.margin)},
                      {"verdict", m.verdict},
                      {"breached", m.breached},
                      {"reason", m.reason}});
  doc["memory"] = memory;
  json ratios = json::array();
  for (const RatioCheck& q : r.ratios)
    ratios.push_back({{"name", q.name},
                      {"numerator", q.numerator},
                      {"denominator", q.denominator},
                      {"metric", q.metric},
                      {"max", q.max > 0 ? json(q.max) : json(nullptr)},
                      {"min", q.min > 0 ? json(q.min) : json(nullptr)},
                      {"pairing", q.pairing},
                      {"pairs", q.pairs},
                      {"ratio", num(q.ratio)},
                      {"ci_low", num(q.ci_low)},
                      {"ci_high", num(q.ci_high)},
                      {"p_value", num(q.p_value)},
                      {"margin", num(q.margin)},
                      {"verdict", q.verdict},
                      {"reason", q.reason}});
  doc["ratios"] = ratios;
  json quality = json::array();
  for (const BenchmarkQuality& q : r.quality)
    quality.push_back({{"name", q.name},
                       {"samples", q.samples},
                       {"rounds", q.rounds},
                       {"median", num(q.median)},
                       {"dispersion", num(q.dispersion)},
                       {"median_low", num(q.median_low)},
                       {"median_high", num(q.median_high)},
                       {"interval_halfwidth", num(q.interval_halfwidth)},
                       {"grade", std::string(to_string(q.grade))},
                       {"below_minimum", q.below_minimum}});
  doc["quality"] = quality;
  json cps = json::array();
  for (const HistoryChangePoint& c : r.change_points)
    cps.push_back({{"name", c.name},
                   {"index", c.index},
                   {"revision", c.revision},
                   {"before", num(c.before)},
                   {"after", num(c.after)}});
  doc["change_points"] = cps;
  return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace gauntlet::records
