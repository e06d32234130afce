#include "gauntlet/reports/gate_result.h"

#include <cmath>
#include <limits>

#include "json_fields.h"

namespace gauntlet::reports {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// A number, or NaN when the gate wrote null (it could not compute the value).
Result<double> number_or_nan(const detail::Fields& f, const char* key) {
  if (!f.has(key) || f.node()[key].is_null()) return kNaN;
  return f.number(key);
}

Result<double> median_of(const detail::Fields& f, const char* side) {
  if (!f.has(side) || f.node()[side].is_null()) return kNaN;
  if (!f.node()[side].is_object()) return f.error(side, "expected an object");
  detail::Fields summary(f.node()[side], f.source(), "");
  if (!summary.has("median") || f.node()[side]["median"].is_null()) return kNaN;
  const auto& m = f.node()[side]["median"];
  if (!m.is_number()) return f.error(side, "median: expected a number");
  return m.get<double>();
}

bool known_verdict(const std::string& v) {
  for (const char* k : {"regressed", "improved", "unchanged", "inconclusive", "new", "missing", "errored"}) {
    if (v == k) return true;
  }
  return false;
}

}  // namespace

Result<GateResult> parse_gate_result(const nlohmann::json& doc, std::string_view source) {
  if (Status s = detail::expect_schema(doc, "gauntlet.gate/1", source); !s) return s.error();
  detail::Fields root(doc, std::string(source), "");
  GateResult g;
  g.source = std::string(source);
  Result<std::string> verdict = root.string("verdict");
  if (!verdict) return verdict.error();
  if (*verdict != "pass" && *verdict != "fail") return root.error("verdict", "expected \"pass\" or \"fail\"");
  g.passed = *verdict == "pass";
  g.replay = root.string_or("rerun", "");
  g.metric = root.string_or("metric", "real_time");
  if (auto w = doc.find("warnings"); w != doc.end()) {
    if (!w->is_array()) return root.error("warnings", "expected an array of strings");
    for (const auto& line : *w) {
      if (!line.is_string()) return root.error("warnings", "expected an array of strings");
      g.warnings.push_back(line.get<std::string>());
    }
  }
  const bool time_metric = g.metric == "real_time" || g.metric == "cpu_time";
  Result<detail::FieldsList> rows = root.array_or_empty("benchmarks");
  if (!rows) return rows.error();
  for (const detail::Fields& f : *rows) {
    BenchmarkComparison c;
    Result<std::string> name = f.string("name");
    if (!name) return name.error();
    c.name = *name;
    Result<std::string> v = f.string("verdict");
    if (!v) return v.error();
    if (!known_verdict(*v)) return f.error("verdict", "unknown verdict \"" + *v + "\"");
    c.verdict = *v;
    c.unit = time_metric ? "ns" : g.metric;
    Result<double> base = median_of(f, "baseline");
    if (!base) return base.error();
    Result<double> cur = median_of(f, "current");
    if (!cur) return cur.error();
    Result<double> ratio = number_or_nan(f, "ratio");
    if (!ratio) return ratio.error();
    Result<double> low = number_or_nan(f, "ci_low");
    if (!low) return low.error();
    Result<double> high = number_or_nan(f, "ci_high");
    if (!high) return high.error();
    if (*low > *high) return f.error("ci_low", "is above ci_high");
    c.baseline = *base;
    c.current = *cur;
    c.change = *ratio - 1;
    c.ci_low = *low - 1;
    c.ci_high = *high - 1;
    c.reason = f.string_or("reason", "");
    g.comparisons.push_back(std::move(c));
  }
  Result<detail::FieldsList> grades = root.array_or_empty("quality");
  if (!grades) return grades.error();
  for (const detail::Fields& f : *grades) {
    Result<std::string> name = f.string("name");
    if (!name) return name.error();
    Result<std::string> grade = f.string("grade");
    if (!grade) return grade.error();
    if (*grade != "good" && *grade != "fair" && *grade != "poor" && *grade != "none")
      return f.error("grade", "unknown grade \"" + *grade + "\"");
    for (BenchmarkComparison& c : g.comparisons)
      if (c.name == *name) c.quality = *grade;
  }
  Result<detail::FieldsList> budgets = root.array_or_empty("budgets");
  if (!budgets) return budgets.error();
  for (const detail::Fields& f : *budgets) {
    BudgetCheck b;
    Result<std::string> op = f.string("operation");
    if (!op) return op.error();
    b.name = *op;
    b.metric = f.string_or("quantile", "");
    b.unit = "ns";
    Result<double> limit = f.number("limit_ns");
    if (!limit) return limit.error();
    Result<double> measured = number_or_nan(f, "measured_ns");
    if (!measured) return measured.error();
    Result<bool> breached = f.boolean("breached");
    if (!breached) return breached.error();
    Result<double> margin = number_or_nan(f, "margin");
    if (!margin) return margin.error();
    b.limit = *limit;
    b.actual = *measured;
    b.passed = !*breached;
    b.margin = *margin;
    g.budgets.push_back(std::move(b));
  }
  Result<detail::FieldsList> floors = root.array_or_empty("throughput");
  if (!floors) return floors.error();
  for (const detail::Fields& f : *floors) {
    BudgetCheck b;
    Result<std::string> op = f.string("operation");
    if (!op) return op.error();
    b.name = *op;
    b.metric = "throughput (" + f.string_or("counter", "") + ")";
    b.unit = "ops/s";
    Result<double> limit = f.number("limit");
    if (!limit) return limit.error();
    Result<double> measured = number_or_nan(f, "measured");
    if (!measured) return measured.error();
    Result<double> margin = number_or_nan(f, "margin");
    if (!margin) return margin.error();
    Result<bool> breached = f.boolean("breached");
    if (!breached) return breached.error();
    b.limit = *limit;
    b.actual = *measured;
    b.passed = !*breached;
    b.margin = *margin;
    g.budgets.push_back(std::move(b));
  }
  Result<detail::FieldsList> cps = root.array_or_empty("change_points");
  if (!cps) return cps.error();
  for (const detail::Fields& f : *cps) {
    Result<std::string> name = f.string("name");
    if (!name) return name.error();
    if (!f.has("index")) return f.error("index", "missing (expected a whole number)");
    Result<std::int64_t> index = f.whole_or("index", 0, detail::kMaxCount, 0);
    if (!index) return index.error();
    g.change_points.push_back({*name, static_cast<std::size_t>(*index), f.string_or("revision", "")});
  }
  return g;
}

}  // namespace gauntlet::reports
