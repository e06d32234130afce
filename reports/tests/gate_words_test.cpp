// The report of a gate result shows the numbers and words the gate's own
// output shows: the gate's console table is parsed row by row, and each row's
// verdict, change and interval (and each budget's measured value, margin and
// verdict) must appear in the report's row for that benchmark.
#include <gtest/gtest.h>

#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "gauntlet/ci/gate_reporters.h"
#include "gauntlet/reports/report.h"
#include "gauntlet/reports/writers.h"
#include "sample_runs.h"

namespace gauntlet::reports {
namespace {

struct ConsoleRow {
  std::string name, verdict, baseline, current, change, interval;
};

// The gate's console table (no colour): one row per benchmark, up to the
// first budget or note line.
std::vector<ConsoleRow> gate_console_rows(const records::GateResult& g) {
  std::istringstream in(ci::gate_console_table(g, false));
  const std::regex row(R"(^(\S+)\s+(\w+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\[[^\]]*\]|-)\s*$)");
  std::vector<ConsoleRow> rows;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::smatch m;
    if (!std::regex_match(line, m, row)) break;
    rows.push_back({m[1], m[2], m[3], m[4], m[5], m[6]});
  }
  return rows;
}

// A benchmark name as HTML text (the golden names use only < and >).
std::string html_text(const std::string& name) {
  return std::regex_replace(std::regex_replace(name, std::regex("<"), "&lt;"), std::regex(">"), "&gt;");
}

// The HTML table row that names `name`.
std::string html_row(const std::string& page, const std::string& name) {
  const std::size_t at = page.find("<td class=\"name\">" + html_text(name) + "</td>");
  if (at == std::string::npos) return {};
  return page.substr(at, page.find("</tr>", at) - at);
}

Report golden_report() {
  Report r;
  Status s = add_input(r, std::filesystem::path(GAUNTLET_SOURCE_DIR) / testing::kGateGolden);
  EXPECT_TRUE(s.ok()) << s.error().to_string();
  return r;
}

TEST(GateWordsTest, EveryBenchmarkRowOfTheReportSaysWhatTheGateSaid) {
  const Report r = golden_report();
  ASSERT_EQ(r.gates.size(), 1u);
  const std::vector<ConsoleRow> rows = gate_console_rows(r.gates[0].result);
  ASSERT_EQ(rows.size(), r.gates[0].result.benchmarks.size());
  const std::string page = write_html(r);
  const std::string markdown = write_markdown(r, {});
  const std::string junit = write_junit_xml(r);
  int regressions = 0;
  for (const ConsoleRow& gate : rows) {
    SCOPED_TRACE(gate.name);
    const std::string row = html_row(page, gate.name);
    ASSERT_FALSE(row.empty());
    EXPECT_NE(row.find(">" + gate.verdict + "</span>"), std::string::npos) << row;
    EXPECT_NE(row.find(">" + gate.change + "</td>"), std::string::npos) << row;
    EXPECT_NE(row.find(">" + gate.interval + "</span>"), std::string::npos) << row;
    if (gate.baseline != "-") {
      EXPECT_NE(row.find(">" + gate.baseline + " ns</td>"), std::string::npos) << row;
    }
    if (gate.current != "-") {
      EXPECT_NE(row.find(">" + gate.current + " ns</td>"), std::string::npos) << row;
    }
    if (gate.verdict != "regressed") continue;
    ++regressions;
    EXPECT_NE(markdown.find(" | " + gate.change + " | " + gate.interval + " | "), std::string::npos) << markdown;
    EXPECT_NE(junit.find("regressed: " + gate.change + " " + gate.interval), std::string::npos) << junit;
  }
  EXPECT_EQ(regressions, 1);
}

TEST(GateWordsTest, EveryBudgetRowOfTheReportSaysWhatTheGateSaid) {
  const Report r = golden_report();
  const records::GateResult& g = r.gates[0].result;
  // "budget breach: checkout p99 23.4 ms > 21 ms (limit 20 ms +5%), margin -11.4%, 5000 samples"
  std::istringstream in(ci::gate_console_table(g, false));
  const std::regex budget(R"(^budget (?:within|breach): (\S+) (p\d+) (\S+ \S+) (?:>|<=) .*margin ([-+][\d.]+%).*$)");
  const std::string page = write_html(r);
  std::string line;
  int budgets = 0, intervals = 0;
  while (std::getline(in, line)) {
    std::smatch m;
    if (!std::regex_match(line, m, budget)) continue;
    ++budgets;
    SCOPED_TRACE(line);
    const std::string cells = "<td>" + std::string(m[2]) + "</td>";  // the quantile's cell
    std::size_t at = 0;
    std::string row;
    while ((at = page.find(">" + std::string(m[1]) + "</td>" + cells, at)) != std::string::npos) {
      row = page.substr(at, page.find("</tr>", at) - at);
      break;
    }
    ASSERT_FALSE(row.empty());
    EXPECT_NE(row.find(">" + std::string(m[3]) + "</td>"), std::string::npos) << row;
    EXPECT_NE(row.find(">" + std::string(m[4]) + "</td>"), std::string::npos) << row;
    const records::BudgetCheck* check = nullptr;
    for (const records::BudgetCheck& b : g.budgets)
      if (b.quantile == m[2]) check = &b;
    ASSERT_NE(check, nullptr);
    EXPECT_NE(row.find(">" + check->verdict + "</span>"), std::string::npos) << row;
    // "..., 95% interval [22.8 ms, 24.1 ms]": the same interval in its column.
    const std::size_t interval = line.find(", 95% interval [");
    if (interval != std::string::npos) {
      const std::size_t open = line.find('[', interval);
      const std::string text = line.substr(open, line.find(']', open) + 1 - open);
      EXPECT_NE(row.find(">" + text + "</td>"), std::string::npos) << row;
      ++intervals;
    }
  }
  EXPECT_EQ(intervals, 1);  // the golden gate's p99 carries LatencyRecorder's bounds
  EXPECT_EQ(budgets, 2);
}

}  // namespace
}  // namespace gauntlet::reports
