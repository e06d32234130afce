// Success rate per suite and the slowest tests: computed (test_stats.h), shown
// in the HTML page as sortable tables and in the Markdown summary.
#include <gtest/gtest.h>

#include <cmath>
#include <regex>

#include "external_tools.h"
#include "gauntlet/harness/atomic_file.h"
#include "gauntlet/reports/test_stats.h"
#include "gauntlet/reports/writers.h"
#include "sample_report.h"

namespace gauntlet::reports {
namespace {

TestCase make(const std::string& suite, const std::string& name, TestStatus status, double time_s) {
  TestCase t;
  t.suite = suite;
  t.name = name;
  t.status = status;
  t.time_s = time_s;
  if (status == TestStatus::kFailed) t.failures = {"boom"};
  return t;
}

// Suites: Alpha 6 passed, 1 failed, 1 skipped (85.7%); Beta 2 failed (0%);
// Gamma skipped only (n/a); Delta 2 passed (100%). Twelve timed tests, one untimed.
Report known_report() {
  Report r;
  auto add = [&](const char* suite, const char* name, TestStatus st, double t) {
    r.tests.cases.push_back(make(suite, name, st, t));
  };
  add("Alpha", "a1", TestStatus::kPassed, 0.5);
  add("Alpha", "a2", TestStatus::kPassed, 2.25);
  add("Alpha", "a3", TestStatus::kPassed, 0.01);
  add("Alpha", "a4", TestStatus::kFailed, 1.5);
  add("Alpha", "a5", TestStatus::kSkipped, 0.0);  // untimed: never among the slowest
  add("Beta", "b1", TestStatus::kFailed, 0.75);
  add("Beta", "b2", TestStatus::kFailed, 3.0);
  add("Gamma", "g1", TestStatus::kSkipped, 0.002);
  add("Delta", "d2", TestStatus::kPassed, 0.75);  // ties b1 at 0.75 s: Beta before Delta
  add("Delta", "d1", TestStatus::kPassed, 0.003);
  add("Alpha", "a6", TestStatus::kPassed, 0.004);
  add("Alpha", "a7", TestStatus::kPassed, 0.005);
  add("Alpha", "a8", TestStatus::kPassed, 0.006);
  return r;
}

TEST(TestFiguresTest, SuiteRatesArePassedOverRunWithSkippedApart) {
  const std::vector<SuiteRate> rates = suite_rates(known_report().tests);
  ASSERT_EQ(rates.size(), 4u);
  EXPECT_EQ(rates[0].suite, "Beta");
  EXPECT_EQ(rates[0].rate, 0.0);
  EXPECT_EQ(rates[1].suite, "Alpha");
  EXPECT_EQ(rates[1].passed, 6);
  EXPECT_EQ(rates[1].failed, 1);
  EXPECT_EQ(rates[1].skipped, 1);
  EXPECT_DOUBLE_EQ(rates[1].rate, 6.0 / 7.0);
  EXPECT_EQ(rates[2].suite, "Delta");
  EXPECT_EQ(rates[2].rate, 1.0);
  EXPECT_EQ(rates[3].suite, "Gamma");  // ran nothing: last, no rate
  EXPECT_EQ(rates[3].skipped, 1);
  EXPECT_TRUE(std::isnan(rates[3].rate));
}

TEST(TestFiguresTest, SlowestAreTheTopTenByTimeInOrder) {
  const TestRun run = known_report().tests;
  std::vector<std::string> names;
  for (std::size_t i : slowest_tests(run)) names.push_back(run.cases[i].name);
  EXPECT_EQ(names, (std::vector<std::string>{"b2", "a2", "a4", "b1", "d2", "a1", "a3", "a8", "a7", "a6"}));
  names.clear();
  for (std::size_t i : slowest_tests(run, 3)) names.push_back(run.cases[i].name);
  EXPECT_EQ(names, (std::vector<std::string>{"b2", "a2", "a4"}));
  EXPECT_TRUE(slowest_tests(TestRun{}).empty());
}

TEST(TestFiguresTest, HtmlShowsRatesAndTheSlowestAsSortableTables) {
  const std::string page = write_html(known_report());
  // The tables come before the rendered list, inside the tests section.
  const std::size_t rates = page.find("<table class=\"grid-t\" id=\"suite-rates\">");
  const std::size_t slow = page.find("<table class=\"grid-t\" id=\"slowest-tests\">");
  ASSERT_NE(rates, std::string::npos);
  ASSERT_NE(slow, std::string::npos);
  EXPECT_LT(page.find("id=\"tests\""), rates);
  EXPECT_LT(slow, page.find("id=\"test-list\""));
  EXPECT_NE(page.find("<thead><tr><th data-sort=\"text\">Suite</th><th class=\"n\" data-sort=\"num\">Success rate</th>"
                      "<th class=\"n\" data-sort=\"num\">Passed</th><th class=\"n\" data-sort=\"num\">Failed</th>"
                      "<th class=\"n\" data-sort=\"num\">Skipped</th></tr></thead>"),
            std::string::npos);
  // Worst first; the rate sorts by its value, a suite that ran nothing has none.
  EXPECT_NE(
      page.find("<tbody><tr class=\"bad\"><td class=\"name\">Beta</td><td class=\"n\" data-v=\"0\">0.0%</td>"
                "<td class=\"n\" data-v=\"0\">0</td><td class=\"n\" data-v=\"2\">2</td><td class=\"n\" "
                "data-v=\"0\">0</td></tr>"
                "<tr class=\"bad\"><td class=\"name\">Alpha</td><td class=\"n\" data-v=\"0.857142857\">85.7%</td>"),
      std::string::npos);
  EXPECT_NE(page.find("<tr class=\"ok\"><td class=\"name\">Gamma</td><td class=\"n\">n/a</td>"), std::string::npos);
  // The slowest, in order, with suite, name, status and time.
  std::regex row(
      "<tr class=\"(?:ok|bad)\"><td class=\"n\" data-v=\"(\\d+)\">\\d+</td><td class=\"name\">(\\w+)</td>"
      "<td class=\"name\">(\\w+)</td><td>(\\w+)</td><td class=\"n\" data-v=\"([0-9.]+)\">([^<]+)</td></tr>");
  const std::string table = page.substr(slow, page.find("</table>", slow) - slow);
  std::vector<std::string> rows;
  for (auto it = std::sregex_iterator(table.begin(), table.end(), row); it != std::sregex_iterator(); ++it) {
    rows.push_back((*it)[1].str() + " " + (*it)[2].str() + "." + (*it)[3].str() + " " + (*it)[4].str() + " " +
                   (*it)[6].str());
  }
  EXPECT_EQ(rows,
            (std::vector<std::string>{"1 Beta.b2 failed 3.00 s", "2 Alpha.a2 passed 2.25 s", "3 Alpha.a4 failed 1.50 s",
                                      "4 Beta.b1 failed 750 ms", "5 Delta.d2 passed 750 ms", "6 Alpha.a1 passed 500 ms",
                                      "7 Alpha.a3 passed 10 ms", "8 Alpha.a8 passed 6 ms", "9 Alpha.a7 passed 5 ms",
                                      "10 Alpha.a6 passed 4 ms"}))
      << table;
  // The sort script is inline, inside the page's one script element.
  EXPECT_NE(page.find("querySelectorAll('th[data-sort]')"), std::string::npos);
  EXPECT_NE(page.find("th[aria-sort=descending]::after"), std::string::npos);
}

TEST(TestFiguresTest, EveryHeaderOfTheSampleTablesCarriesTheSortHook) {
  const std::string page = write_html(testing::sample_report(testing::scratch_dir()));
  for (const char* id : {"id=\"suite-rates\"", "id=\"slowest-tests\""}) {
    const std::size_t at = page.find(id);
    ASSERT_NE(at, std::string::npos) << id;
    const std::string head = page.substr(at, page.find("</thead>", at) - at);
    EXPECT_EQ(head.find("<th>"), std::string::npos) << head;  // a header cell without attributes has no hook
    std::size_t ths = 0;
    for (std::size_t p = head.find("<th "); p != std::string::npos; p = head.find("<th ", p + 1)) {
      ++ths;
      EXPECT_LT(head.find("data-sort=", p), head.find('>', p)) << head.substr(p);
    }
    EXPECT_EQ(ths, 5u) << head;
  }
  // Benchmarks, budgets and properties sort too; the chart columns do not.
  EXPECT_NE(page.find("<th class=\"n\" data-sort=\"num\">Change</th><th>Confidence interval</th>"), std::string::npos);
  EXPECT_NE(page.find("<th data-sort=\"text\">Property</th>"), std::string::npos);
  EXPECT_NE(page.find("<th class=\"n\" data-sort=\"num\">Measured</th>"), std::string::npos);
  // Hostile suite and test names stay escaped in the new tables.
  EXPECT_NE(
      page.find("<td class=\"name\">Escaping&lt;/script&gt;</td><td class=\"n\" data-v=\"0.333333333\">33.3%</td>"),
      std::string::npos);
  EXPECT_NE(page.find("<td class=\"name\">Ampersand &amp; &quot;quotes&quot; &amp;amp; Ünïcödé ✓</td><td>failed</td>"
                      "<td class=\"n\" data-v=\"0.2\">200 ms</td>"),
            std::string::npos);
  EXPECT_EQ(page.find("<td class=\"name\">Escaping</script>"), std::string::npos);
}

TEST(TestFiguresTest, MarkdownListsTheSlowestAndTheRates) {
  const std::string md = write_markdown(known_report());
  EXPECT_NE(md.find("### Slowest tests\n\n| # | suite | test | status | time |\n|---:|---|---|---|---:|\n"
                    "| 1 | Beta | b2 | failed | 3.00 s |\n| 2 | Alpha | a2 | passed | 2.25 s |\n"
                    "| 3 | Alpha | a4 | failed | 1.50 s |\n| 4 | Beta | b1 | failed | 750 ms |\n"
                    "| 5 | Delta | d2 | passed | 750 ms |\n| 6 | Alpha | a1 | passed | 500 ms |\n"
                    "| 7 | Alpha | a3 | passed | 10 ms |\n| 8 | Alpha | a8 | passed | 6 ms |\n"
                    "| 9 | Alpha | a7 | passed | 5 ms |\n| 10 | Alpha | a6 | passed | 4 ms |\n\n"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("| suite | success rate | passed | failed | skipped |\n|---|---:|---:|---:|---:|\n"
                    "| Beta | 0.0% | 0 | 2 | 0 |\n| Alpha | 85.7% | 6 | 1 | 1 |\n| Delta | 100.0% | 2 | 0 | 0 |\n"
                    "| Gamma | n/a | 0 | 0 | 1 |\n"),
            std::string::npos)
      << md;
  // No tests, no test figures.
  Report empty;
  EXPECT_EQ(write_markdown(empty).find("Slowest"), std::string::npos);
  EXPECT_EQ(write_markdown(empty).find("Success rate"), std::string::npos);
}

TEST(TestFiguresTest, SamplePageWithTheNewTablesIsWellFormedHtml) {
  GAUNTLET_REQUIRE_PROGRAM(xmllint, "xmllint");
  const auto dir = testing::scratch_dir();
  const auto page = dir / "report.html";
  ASSERT_TRUE(write_file_atomically(page, write_html(testing::sample_report(dir))).ok());
  std::string out;
  const std::string problems = testing::html_problems(xmllint, page.string(), out);
  EXPECT_EQ(problems, "") << out;
}

}  // namespace
}  // namespace gauntlet::reports
