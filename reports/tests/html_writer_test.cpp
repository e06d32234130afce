// Static checks of the page; tests/browser_test.cpp loads it in a real browser.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <cmath>
#include <regex>

#include "gauntlet/harness/testing/status_matchers.h"
#include "gauntlet/records/gate_result_json.h"
#include "gauntlet/reports/gate_result.h"
#include "gauntlet/reports/report.h"
#include "gauntlet/reports/writers.h"
#include "sample_report.h"

namespace gauntlet::reports {
namespace {

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(HtmlWriterTest, HostileTextNeverBecomesMarkup) {
  std::string page = write_html(testing::sample_report(testing::scratch_dir()));
  // Exactly our two script elements: the JSON data and the script.
  EXPECT_EQ(count(page, "<script"), 2u);
  EXPECT_EQ(count(page, "</script>"), 2u);
  EXPECT_EQ(count(page, "<img"), 0u);
  // The hostile suite name appears escaped in the data.
  EXPECT_NE(page.find("Escaping\\u003c/script\\u003e"), std::string::npos);
  EXPECT_NE(page.find("Sample &lt;run&gt; &amp; &quot;checks&quot;"), std::string::npos);
}

TEST(HtmlWriterTest, NoNetworkReferences) {
  std::string page = write_html(testing::sample_report(testing::scratch_dir()));
  // The only URL is the SVG namespace, which is a name, not a fetch.
  std::string without_ns = std::regex_replace(page, std::regex("xmlns=\"http://www.w3.org/2000/svg\""), "");
  EXPECT_EQ(without_ns.find("http:"), std::string::npos);
  EXPECT_EQ(without_ns.find("https:"), std::string::npos);
  // No tag has a src attribute. A scan, not a regex: std::regex recurses per
  // character and the timeline charts are tags of many kilobytes.
  for (std::size_t open = page.find('<'); open != std::string::npos; open = page.find('<', open + 1)) {
    const std::string tag = page.substr(open, page.find('>', open) - open);
    for (const char* space : {" src=", "\nsrc=", "\tsrc="}) EXPECT_EQ(tag.find(space), std::string::npos) << tag;
  }
  EXPECT_EQ(page.find("<link"), std::string::npos);
  EXPECT_NE(page.find("default-src 'none'"), std::string::npos);
}

TEST(HtmlWriterTest, SummaryComesFirstAndEverySectionIsThere) {
  std::string page = write_html(testing::sample_report(testing::scratch_dir()));
  std::size_t summary = page.find("id=\"summary\"");
  std::size_t tests = page.find("id=\"tests\"");
  std::size_t chaos = page.find("id=\"chaos\"");
  std::size_t bench = page.find("id=\"benchmarks\"");
  std::size_t props = page.find("id=\"properties\"");
  ASSERT_NE(summary, std::string::npos);
  EXPECT_LT(summary, tests);
  EXPECT_LT(tests, chaos);
  EXPECT_LT(chaos, bench);
  EXPECT_LT(bench, props);
  EXPECT_NE(page.find(">FAILED<"), std::string::npos);
  // Failed scenario first; its replay line and breaker bands are drawn.
  EXPECT_LT(page.find("chaos-gradual_failure"), page.find("chaos-transient_outage"));
  EXPECT_NE(page.find("gauntlet chaos run gradual_failure --variant no_breaker --seed 42 --time virtual"),
            std::string::npos);
  EXPECT_NE(page.find("class=\"br-open\""), std::string::npos);
  EXPECT_NE(page.find("class=\"fault\""), std::string::npos);
  EXPECT_NE(page.find("<td>ramp</td><td class=\"n\">10.0–50.0</td>"), std::string::npos);
  // A CI bar per compared benchmark (the gate's two new ones have none), a
  // sparkline per benchmark with history and the gate's two change points.
  EXPECT_EQ(count(page, "<svg class=\"ci\""), 5u);
  EXPECT_EQ(count(page, "<svg class=\"spark\""), 4u);
  EXPECT_EQ(count(page, "class=\"cp\""), 2u);
  EXPECT_NE(page.find("seed=1234 reproduce=BAQ"), std::string::npos);
}

TEST(HtmlWriterTest, LogsAreCapped) {
  Report report;
  TestCase t;
  t.suite = "S";
  t.name = "huge";
  t.status = TestStatus::kFailed;
  t.failures = {std::string(100000, 'z')};
  report.tests.cases.push_back(t);
  HtmlOptions options;
  options.max_log_bytes = 1000;
  std::string page = write_html(report, options);
  EXPECT_EQ(page.find(std::string(1001, 'z')), std::string::npos);
  EXPECT_NE(page.find("99000 more bytes cut"), std::string::npos);
}

TEST(HtmlWriterTest, FailuresComeBeforePasses) {
  Report report;
  for (auto [name, status] :
       {std::pair{"a_pass", TestStatus::kPassed}, {"b_skip", TestStatus::kSkipped}, {"c_fail", TestStatus::kFailed}}) {
    TestCase t;
    t.suite = "S";
    t.name = name;
    t.status = status;
    report.tests.cases.push_back(t);
  }
  std::string page = write_html(report);
  EXPECT_LT(page.find("\"c_fail\""), page.find("\"b_skip\""));
  EXPECT_LT(page.find("\"b_skip\""), page.find("\"a_pass\""));
}

TEST(HtmlWriterTest, ComparisonTableShowsTheQualityGrade) {
  auto doc = nlohmann::json::parse(R"({"schema": "gauntlet.gate/1", "verdict": "pass",
    "benchmarks": [{"name": "BM_A", "verdict": "unchanged", "baseline": {"median": 10}, "current": {"median": 10},
                    "ratio": 1.0, "ci_low": 0.99, "ci_high": 1.01},
                   {"name": "BM_B", "verdict": "unchanged", "baseline": {"median": 10}, "current": {"median": 10},
                    "ratio": 1.0, "ci_low": 0.99, "ci_high": 1.01}],
    "quality": [{"name": "BM_A", "samples": 4, "grade": "poor"}]})");
  auto gate = records::read_gate_result(doc, "gate.json");
  ASSERT_THAT(gate, matchers::IsOk());
  Report r;
  r.gates.push_back({"gate.json", *gate});
  const std::string page = write_html(r);
  EXPECT_NE(page.find("<th data-sort=\"text\">Quality</th>"), std::string::npos);
  EXPECT_NE(page.find(">BM_A</td>"), std::string::npos);
  // BM_A's row shows its grade; BM_B has none, so its cell is empty.
  const std::size_t a = page.find(">BM_A</td>"), b = page.find(">BM_B</td>");
  EXPECT_NE(page.find("</span></td><td>poor</td>", a), std::string::npos);
  EXPECT_LT(page.find("</span></td><td>poor</td>", a), b);
  EXPECT_NE(page.find("</span></td><td></td>", b), std::string::npos);
}

TEST(HtmlWriterTest, BudgetTableShowsMarginsAndThroughputFloors) {
  auto doc = nlohmann::json::parse(R"({"schema": "gauntlet.gate/1", "verdict": "fail", "benchmarks": [],
    "budgets": [{"operation": "routing", "quantile": "p95", "limit_ns": 5e6, "measured_ns": 4e4,
                 "breached": false, "margin": 0.99273},
                {"operation": "old", "quantile": "p99", "limit_ns": 1e6, "measured_ns": 2e6, "breached": true}],
    "throughput": [{"operation": "BM_Pair/slowed", "counter": "items_per_second", "limit": 1e12,
                    "measured": 144229, "margin": -0.99999986, "breached": true}]})");
  auto gate = records::read_gate_result(doc, "gate.json");
  ASSERT_THAT(gate, matchers::IsOk());
  ASSERT_EQ(gate->budgets.size(), 2u);
  EXPECT_NEAR(gate->budgets[0].margin, 0.99273, 1e-12);
  EXPECT_TRUE(std::isnan(gate->budgets[1].margin));  // written before margins existed
  ASSERT_EQ(gate->throughput.size(), 1u);
  Report r;
  r.gates.push_back({"gate.json", *gate});
  const std::string page = write_html(r);
  EXPECT_NE(page.find("<th class=\"n\" data-sort=\"num\">Margin</th>"), std::string::npos);
  EXPECT_NE(page.find(">+99.3%<"), std::string::npos);
  EXPECT_NE(page.find(">-100.0%<"), std::string::npos);
  EXPECT_NE(page.find(">144229 ops/s<"), std::string::npos);  // the gate's words (records/gate_result_text.h)
  EXPECT_NE(page.find("<td>throughput (items_per_second)</td>"), std::string::npos);
  EXPECT_NE(page.find("<span class=\"pill fail\">breached</span>"), std::string::npos);  // the gate's word
  EXPECT_NE(page.find("<td class=\"n\">-</td>"), std::string::npos);                     // no sort value: sorts last
  EXPECT_EQ(page.find("95% interval"), std::string::npos);                               // no budget has one: no column
}

// A latency budget's 95% interval (LatencyRecorder's bounds) gets a column;
// one that reaches past the allowed value is noted under a verdict that stands.
TEST(HtmlWriterTest, BudgetIntervalsGetAColumnAndANote) {
  auto doc = nlohmann::json::parse(R"({"schema": "gauntlet.gate/1", "verdict": "pass", "benchmarks": [],
    "budgets": [{"operation": "<route>", "quantile": "p99", "limit_ns": 5e6, "measured_ns": 4.6e6, "allowed_ns": 5e6,
                 "breached": false, "margin": 0.08, "verdict": "within", "ci_low_ns": 4.4e6, "ci_high_ns": 5.8e6},
                {"operation": "few", "quantile": "p99", "limit_ns": 5e6, "measured_ns": 1e6, "allowed_ns": 5e6,
                 "breached": false, "margin": 0.8, "verdict": "within", "ci_low_ns": 9e5, "ci_high_ns": null},
                {"operation": "plain", "quantile": "p95", "limit_ns": 5e6, "measured_ns": 1e6, "allowed_ns": 5e6,
                 "breached": false, "margin": 0.8, "verdict": "within"}]})");
  auto gate = records::read_gate_result(doc, "gate.json");
  ASSERT_THAT(gate, matchers::IsOk());
  Report r;
  r.gates.push_back({"gate.json", *gate});
  const std::string page = write_html(r);
  EXPECT_NE(page.find("<th class=\"n\" data-sort=\"num\">95% interval</th>"), std::string::npos);
  EXPECT_NE(page.find("&lt;route&gt;"), std::string::npos);
  EXPECT_EQ(page.find("<route>"), std::string::npos);
  EXPECT_NE(page.find(" data-v=\"5800000\">[4.4 ms, 5.8 ms]</td>"), std::string::npos);
  EXPECT_NE(page.find("<span class=\"pill pass\">within</span><div class=\"sub\">within, but the 95% interval "
                      "reaches 5.8 ms</div>"),
            std::string::npos);
  EXPECT_NE(page.find(">[900 us, unbounded]</td>"), std::string::npos);
  EXPECT_NE(page.find("within, but the 95% interval has no upper bound"), std::string::npos);
}

// The gate's memory budgets are budget rows in every output; a breach or a
// budget the run could not check is a JUnit failure, and every string from
// the record reaches the HTML escaped.
TEST(HtmlWriterTest, MemoryBudgetsAreBudgetRowsInEveryOutput) {
  auto doc = nlohmann::json::parse(R"({"schema": "gauntlet.gate/1", "verdict": "fail", "benchmarks": [],
    "memory": [{"kind": "peak", "limit_bytes": 524288000, "measured_bytes": 126812160, "margin": 0.758125,
                "verdict": "within", "breached": false, "reason": "highest resident set"},
               {"kind": "growth", "limit_bytes": 8388608, "measured_bytes": null, "margin": null,
                "verdict": "not_<b>measured</b>", "breached": true,
                "reason": "plain.json has no context.gauntlet_rss_growth_bytes: <needs> gauntlet bench run"}]})");
  auto gate = records::read_gate_result(doc, "gate.json");
  ASSERT_THAT(gate, matchers::IsOk());
  ASSERT_EQ(gate->memory.size(), 2u);
  Report r;
  r.gates.push_back({"gate.json", *gate});
  const ReportSummary s = summarize(r);
  EXPECT_EQ(s.budgets, 2);
  EXPECT_EQ(s.budgets_failed, 1);
  EXPECT_FALSE(s.passed);
  const std::string page = write_html(r);
  EXPECT_NE(page.find("<td class=\"name\">whole run</td><td>memory peak</td>"), std::string::npos);
  EXPECT_NE(page.find(">120.9 MiB<"), std::string::npos);
  EXPECT_NE(page.find(">500.0 MiB<"), std::string::npos);
  EXPECT_NE(page.find(">+75.8%<"), std::string::npos);
  EXPECT_NE(page.find("<span class=\"pill fail\">not_&lt;b&gt;measured&lt;/b&gt;</span>"), std::string::npos);
  EXPECT_EQ(count(page, "<b>"), 0u);
  const std::string md = write_markdown(r);
  EXPECT_NE(md.find("memory growth"), std::string::npos) << md;
  const std::string junit = write_junit_xml(r);
  EXPECT_NE(junit.find("name=\"whole run memory peak\""), std::string::npos) << junit;
  EXPECT_NE(junit.find("memory growth not_&lt;b&gt;measured&lt;/b&gt;: - against 8.0 MiB (plain.json has no "
                       "context.gauntlet_rss_growth_bytes: &lt;needs&gt; gauntlet bench run)"),
            std::string::npos)
      << junit;
  EXPECT_EQ(count(junit, "<failure"), 1u) << junit;
}

}  // namespace
}  // namespace gauntlet::reports
