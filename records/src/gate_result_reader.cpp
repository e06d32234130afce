// The gauntlet.gate/1 reader: the document's top level, the summary and the
// benchmark comparisons. The checks (budgets, floors, ratio rules, quality,
// change points) are read in gate_result_checks_reader.cpp.
#include <nlohmann/json.hpp>

#include <limits>

#include "gate_result_reader_parts.h"
#include "gauntlet/records/gate_result_json.h"

namespace gauntlet::records {
namespace {

using detail::Fields;
using detail::FieldsList;

Result<SampleSummary> read_summary(const Fields& side) {
  SampleSummary s;
  Result<std::int64_t> n = side.whole_or("n", 0, detail::kMaxCount, 0);
  if (!n) return n.error();
  Result<std::int64_t> rounds = side.whole_or("rounds", 0, detail::kMaxCount, 1);
  if (!rounds) return rounds.error();
  Result<double> median = side.number_or_null("median", detail::kNaN);
  if (!median) return median.error();
  Result<double> mad = side.number_or_null("mad_sigma", detail::kNaN);
  if (!mad) return mad.error();
  s.n = static_cast<std::size_t>(*n);
  s.rounds = static_cast<std::size_t>(*rounds);
  s.median = *median;
  s.mad_sigma = *mad;
  s.aggregates_only = side.has("aggregates_only") && side.node()["aggregates_only"].is_boolean() &&
                      side.node()["aggregates_only"].get<bool>();
  return s;
}

Result<BenchmarkComparison> read_comparison(const Fields& f) {
  BenchmarkComparison c;
  Result<std::string> name = f.string("name");
  if (!name) return name.error();
  c.name = *name;
  Result<std::string> verdict = f.string("verdict");
  if (!verdict) return verdict.error();
  std::optional<Verdict> v = verdict_named(*verdict);
  if (!v) return f.error("verdict", "unknown verdict \"" + *verdict + "\"");
  c.verdict = *v;
  for (auto [key, side] : {std::pair{"baseline", &c.baseline}, std::pair{"current", &c.current}}) {
    if (!f.has(key) || f.node()[key].is_null()) {
      side->median = side->mad_sigma = detail::kNaN;
      continue;
    }
    Result<Fields> fields = f.object(key);
    if (!fields) return fields.error();
    Result<SampleSummary> summary = read_summary(*fields);
    if (!summary) return summary.error();
    *side = *summary;
  }
  constexpr double kInf = std::numeric_limits<double>::infinity();
  const detail::NumberField numbers[] = {{"ratio", &c.ratio, detail::kNaN},
                                         {"ci_low", &c.ci_low, detail::kNaN},
                                         {"ci_high", &c.ci_high, detail::kNaN},
                                         {"hodges_lehmann", &c.hodges_lehmann, detail::kNaN},
                                         {"p_value", &c.p_value, detail::kNaN},
                                         {"p_adjusted", &c.p_adjusted, detail::kNaN},
                                         {"threshold", &c.threshold, detail::kNaN},
                                         {"min_detectable_effect", &c.min_detectable_effect, kInf},
                                         {"within_low", &c.within_low, detail::kNaN},
                                         {"within_high", &c.within_high, detail::kNaN},
                                         {"noise_sigma", &c.noise_sigma, detail::kNaN},
                                         {"contention", &c.contention, detail::kNaN}};
  if (Status s = detail::read_numbers(f, numbers); !s) return s.error();
  if (c.ci_low > c.ci_high) return f.error("ci_low", "is above ci_high");
  c.real_cpu_baseline = c.real_cpu_current = detail::kNaN;
  if (f.has("real_cpu") && !f.node()["real_cpu"].is_null()) {
    Result<Fields> real_cpu = f.object("real_cpu");
    if (!real_cpu) return real_cpu.error();
    const detail::NumberField sides[] = {{"baseline", &c.real_cpu_baseline, detail::kNaN},
                                         {"current", &c.real_cpu_current, detail::kNaN}};
    if (Status s = detail::read_numbers(*real_cpu, sides); !s) return s.error();
  }
  c.threshold_source = f.string_or("threshold_source", "");
  c.reason = f.string_or("reason", "");
  c.method = f.string_or("method", "");
  c.noise_source = f.string_or("noise_source", "");
  c.separate_verdict = f.string_or("separate_verdict", "");
  return c;
}

Status read_summary_counts(const Fields& root, GateSummary& s) {
  if (!root.has("summary")) return Status::Ok();
  Result<Fields> f = root.object("summary");
  if (!f) return f.error();
  const std::pair<const char*, int*> counts[] = {{"regressed", &s.regressed},
                                                 {"improved", &s.improved},
                                                 {"unchanged", &s.unchanged},
                                                 {"inconclusive", &s.inconclusive},
                                                 {"new", &s.added},
                                                 {"missing", &s.missing},
                                                 {"errored", &s.errored},
                                                 {"budget_breaches", &s.budget_breaches},
                                                 {"ratio_regressions", &s.ratio_regressions},
                                                 {"ratio_inconclusive", &s.ratio_inconclusive},
                                                 {"quality_failures", &s.quality_failures}};
  for (auto [key, out] : counts) {
    Result<std::int64_t> n = f->whole_or(key, 0, std::numeric_limits<int>::max(), 0);
    if (!n) return n.error();
    *out = static_cast<int>(*n);
  }
  return Status::Ok();
}

}  // namespace

Result<GateResult> read_gate_result(const nlohmann::json& doc, std::string_view source) {
  if (Status s = detail::expect_schema(doc, kGateSchema, source); !s) return s.error();
  Fields root(doc, std::string(source), "");
  GateResult g;
  Result<std::string> verdict = root.string("verdict");
  if (!verdict) return verdict.error();
  if (*verdict != "pass" && *verdict != "fail") return root.error("verdict", "expected \"pass\" or \"fail\"");
  g.passed = *verdict == "pass";
  g.baseline_source = root.string_or("baseline", "");
  g.current_source = root.string_or("current", "");
  g.metric = root.string_or("metric", "real_time");
  g.rerun = root.string_or("rerun", "");
  Result<double> alpha = root.number_or_null("alpha", 0);
  if (!alpha) return alpha.error();
  g.alpha = *alpha;
  if (root.has("seed") && root.node()["seed"].is_number_unsigned()) g.seed = root.node()["seed"].get<std::uint64_t>();
  Result<std::int64_t> looks = root.whole_or("sequential_looks", 1, std::numeric_limits<int>::max(), 1);
  if (!looks) return looks.error();
  g.sequential_looks = static_cast<int>(*looks);
  if (root.has("environment") && !doc["environment"].is_null()) {
    Result<Fields> env = root.object("environment");
    if (!env) return env.error();
    g.environment.same_machine = !env->has("same_machine") || !doc["environment"]["same_machine"].is_boolean() ||
                                 doc["environment"]["same_machine"].get<bool>();
    Result<std::vector<std::string>> differences = env->strings_or_empty("differences");
    if (!differences) return differences.error();
    g.environment.differences = std::move(*differences);
  }
  for (auto [key, out] : {std::pair{"warnings", &g.warnings}, std::pair{"advice", &g.advice}}) {
    Result<std::vector<std::string>> lines = root.strings_or_empty(key);
    if (!lines) return lines.error();
    *out = std::move(*lines);
  }
  if (Status s = read_summary_counts(root, g.summary); !s) return s.error();
  Result<FieldsList> rows = root.array_or_empty("benchmarks");
  if (!rows) return rows.error();
  for (const Fields& f : *rows) {
    Result<BenchmarkComparison> c = read_comparison(f);
    if (!c) return c.error();
    g.benchmarks.push_back(std::move(*c));
  }
  if (Status s = detail::read_checks(root, g); !s) return s.error();
  return g;
}

}  // namespace gauntlet::records
