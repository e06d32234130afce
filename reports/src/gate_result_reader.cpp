#include "gauntlet/reports/gate_result.h"

#include "json_fields.h"

namespace gauntlet::reports {

Result<GateResult> parse_gate_result(const nlohmann::json& doc, std::string_view source) {
  if (Status s = detail::expect_schema(doc, "gauntlet.gate/1", source); !s) return s.error();
  detail::Fields root(doc, std::string(source), "");
  GateResult g;
  g.source = std::string(source);
  Result<bool> passed = root.boolean("passed");
  if (!passed) return passed.error();
  g.passed = *passed;
  g.replay = root.string_or("replay", "");
  Result<detail::FieldsList> comparisons = root.array_or_empty("comparisons");
  if (!comparisons) return comparisons.error();
  for (const detail::Fields& f : *comparisons) {
    BenchmarkComparison c;
    Result<std::string> name = f.string("name");
    if (!name) return name.error();
    c.name = *name;
    c.unit = f.string_or("unit", "ns");
    for (auto [key, target] : {std::pair<const char*, double*>{"baseline", &c.baseline}, {"current", &c.current},
                               {"change", &c.change}, {"ci_low", &c.ci_low}, {"ci_high", &c.ci_high}}) {
      Result<double> v = f.number(key);
      if (!v) return v.error();
      *target = *v;
    }
    if (c.ci_low > c.ci_high) return f.error("ci_low", "is above ci_high");
    Result<std::string> verdict = f.string("verdict");
    if (!verdict) return verdict.error();
    c.verdict = *verdict;
    if (c.verdict != "regressed" && c.verdict != "improved" && c.verdict != "unchanged" &&
        c.verdict != "inconclusive") {
      return f.error("verdict", "unknown verdict \"" + c.verdict + "\"");
    }
    g.comparisons.push_back(std::move(c));
  }
  Result<detail::FieldsList> budgets = root.array_or_empty("budgets");
  if (!budgets) return budgets.error();
  for (const detail::Fields& f : *budgets) {
    BudgetCheck b;
    Result<std::string> name = f.string("name");
    if (!name) return name.error();
    b.name = *name;
    b.metric = f.string_or("metric", "");
    b.unit = f.string_or("unit", "");
    Result<double> limit = f.number("limit");
    if (!limit) return limit.error();
    Result<double> actual = f.number("actual");
    if (!actual) return actual.error();
    b.limit = *limit;
    b.actual = *actual;
    Result<bool> ok = f.boolean("passed");
    if (!ok) return ok.error();
    b.passed = *ok;
    g.budgets.push_back(std::move(b));
  }
  return g;
}

}  // namespace gauntlet::reports
