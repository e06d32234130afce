#include "gate_rows.h"

#include <limits>
#include <map>
#include <string_view>

#include "gauntlet/records/gate_result_text.h"

namespace gauntlet::reports::detail {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string with_unit(const std::string& number, const std::string& unit) {
  return number == "-" || unit.empty() ? number : number + " " + unit;
}

}  // namespace

std::vector<ComparisonRow> comparison_rows(const records::GateResult& g) {
  const std::string unit(records::metric_unit(g.metric));
  std::map<std::string_view, records::QualityGrade> grades;
  for (const records::BenchmarkQuality& q : g.quality) grades[q.name] = q.grade;
  std::vector<ComparisonRow> rows;
  for (const records::BenchmarkComparison& c : g.benchmarks) {
    ComparisonRow row;
    row.name = c.name;
    row.unit = unit;
    row.baseline = c.baseline.median;
    row.current = c.current.median;
    row.change = c.ratio - 1;
    row.ci_low = c.ci_low - 1;
    row.ci_high = c.ci_high - 1;
    row.baseline_text = with_unit(records::median_text(row.baseline), unit);
    row.current_text = with_unit(records::median_text(row.current), unit);
    row.change_text = records::change_text(c.ratio);
    row.interval_text = records::change_interval_text(c.ci_low, c.ci_high);
    row.verdict = std::string(records::to_string(c.verdict));
    row.reason = c.reason;
    if (auto grade = grades.find(c.name); grade != grades.end())
      row.quality = std::string(records::to_string(grade->second));
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<BudgetRow> budget_rows(const records::GateResult& g) {
  std::vector<BudgetRow> rows;
  for (const records::BudgetCheck& b : g.budgets) {
    rows.push_back({b.operation, b.quantile, "ns", b.limit_ns, b.measured_ns, !b.breached, b.margin,
                    records::duration_text(b.measured_ns), records::duration_text(b.limit_ns),
                    records::margin_text(b.margin), b.verdict, "", records::budget_interval_text(b), b.ci_high_ns,
                    records::budget_interval_note(b)});
  }
  for (const records::ThroughputCheck& t : g.throughput) {
    rows.push_back({t.operation, "throughput (" + t.counter + ")", "ops/s", t.limit, t.measured, !t.breached, t.margin,
                    records::rate_text(t.measured), records::rate_text(t.limit), records::margin_text(t.margin),
                    t.verdict, "", "-", kNaN, ""});
  }
  for (const records::MemoryCheck& m : g.memory) {
    rows.push_back({std::string(records::kMemoryOperation), records::memory_check_name(m.kind), "bytes", m.limit_bytes,
                    m.measured_bytes, !m.breached, m.margin, records::memory_text(m.measured_bytes),
                    records::memory_text(m.limit_bytes), records::margin_text(m.margin), m.verdict, m.reason, "-", kNaN,
                    ""});
  }
  return rows;
}

}  // namespace gauntlet::reports::detail
