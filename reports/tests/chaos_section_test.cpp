// The chaos parts of the HTML page and the Markdown summary, for journals the
// chaos component wrote: the scenario's own phases as a table, fault windows
// labelled with what was injected, nothing shown for what is absent, and the
// real duration of a real-time run.
#include <gtest/gtest.h>

#include <cstdio>

#include <nlohmann/json.hpp>

#include "chaos_runs.h"
#include "external_tools.h"
#include "gauntlet/reports/report.h"
#include "gauntlet/harness/input_file.h"
#include "gauntlet/reports/writers.h"
#include "sample_runs.h"

namespace gauntlet::reports {
namespace {

using testing::kHostileLabel;
using testing::kLatencyLabel;

constexpr Nanos kVirtualPhase = kNanosPerSecond;
constexpr Nanos kRealPhase = 150 * kNanosPerMilli;

Report journal_report(const std::filesystem::path& journal) {
  Report report;
  Status s = add_input(report, journal);
  EXPECT_TRUE(s.ok()) << s.error().to_string();
  return report;
}

// The text of the table row that starts at `marker`.
std::string row_at(const std::string& page, const std::string& marker) {
  std::size_t at = page.find(marker);
  if (at == std::string::npos) return {};
  return page.substr(at, page.find("</tr>", at) - at);
}

std::string two_decimals(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

class ChaosSectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::scratch_dir();
    virtual_journal_ = testing::write_journal(dir_, "virtual", chaos::TimeMode::kVirtual, kVirtualPhase);
    ASSERT_FALSE(virtual_journal_.empty());
  }
  std::filesystem::path dir_, virtual_journal_;
};

TEST_F(ChaosSectionTest, PhaseTableHasTheScenariosPhasesAndWindowsTheirLabels) {
  Report report = journal_report(virtual_journal_);
  ASSERT_EQ(report.journals.size(), 1u);
  const ChaosJournal& j = report.journals[0];
  ASSERT_EQ(j.phases.size(), 3u);
  EXPECT_EQ(j.phases[0].name, "warm-up");
  EXPECT_EQ(j.phases[1].name, "degraded");
  EXPECT_EQ(j.phases[2].name, "cool-down");
  EXPECT_EQ(j.phases[1].faults, std::string(kLatencyLabel) + "; " + kHostileLabel);
  EXPECT_GT(j.phases[0].completed, 0u);
  ASSERT_EQ(j.faults.size(), 2u);
  EXPECT_EQ(j.faults[0].label, kLatencyLabel);
  EXPECT_EQ(j.faults[0].effect, "latency 300 ms");
  EXPECT_EQ(j.faults[1].effect, "error rate 20%");

  const std::string page = write_html(report);
  // One row per phase, in the scenario's order; the fault labels are not phases.
  std::size_t warm = page.find("<td class=\"ph\">warm-up");
  std::size_t degraded = page.find("<td class=\"ph\">degraded");
  std::size_t cool = page.find("<td class=\"ph\">cool-down");
  ASSERT_NE(warm, std::string::npos) << page;
  EXPECT_LT(warm, degraded);
  EXPECT_LT(degraded, cool);
  EXPECT_EQ(page.find("<td class=\"ph\">latency"), std::string::npos);
  EXPECT_NE(row_at(page, "<td class=\"ph\">warm-up").find("0.0–1.0"), std::string::npos);
  // Each phase's verdicts in its row; the whole-run one below the table.
  std::string degraded_row = row_at(page, "<td class=\"ph\">degraded");
  EXPECT_EQ(page.substr(page.rfind("<tr", degraded), 16), "<tr class=\"bad\">");
  EXPECT_NE(degraded_row.find("degraded: error rate"), std::string::npos) << degraded_row;
  EXPECT_NE(degraded_row.find(">broken<"), std::string::npos) << degraded_row;
  EXPECT_NE(row_at(page, "<td class=\"ph\">warm-up").find(">held<"), std::string::npos);
  EXPECT_NE(page.find("<th>Whole run</th>"), std::string::npos);
  EXPECT_NE(page.find("<td>issued == succeeded + failed + rejected + not sent</td>"), std::string::npos);
  // Windows: numbered, labelled with what was injected and its time range, point as secondary text.
  EXPECT_NE(page.find("<title>latency 300 ms on proxy backend (downstream) (1.0–2.0 s) · reports.test.backend</title>"),
            std::string::npos);
  EXPECT_NE(page.find("<td>latency 300 ms on proxy backend (downstream)</td><td class=\"n\">1.0–2.0</td>"
                      "<td class=\"sub\">reports.test.backend · latency 300 ms</td>"),
            std::string::npos);
  EXPECT_NE(page.find("<text class=\"tag\""), std::string::npos);
  EXPECT_EQ(page.find("phase\"><title>"), std::string::npos);
  // The callable target reports no status codes: no column for them.
  EXPECT_EQ(page.find("Status codes"), std::string::npos);
  // Fault activity of the point.
  EXPECT_NE(page.find("<th>Fault point</th>"), std::string::npos);
  // Each phase's sample quality, with the p99's interval, as the journal gives them.
  EXPECT_FALSE(j.phases[0].quality.empty());
  EXPECT_LE(j.phases[0].p99_low_ms, j.phases[0].p99_ms);
  EXPECT_GE(j.phases[0].p99_high_ms, j.phases[0].p99_ms);
  EXPECT_NE(page.find("<th>Quality</th>"), std::string::npos);
  EXPECT_NE(row_at(page, "<td class=\"ph\">warm-up").find("<td class=\"codes\">" + j.phases[0].quality + " (p99 "),
            std::string::npos)
      << row_at(page, "<td class=\"ph\">warm-up");

  const std::string md = write_markdown(report);
  std::size_t md_warm = md.find("\n| warm-up | 0.0–1.0 | ");
  std::size_t md_degraded = md.find("\n| degraded (latency 300 ms on proxy backend (downstream); ");
  std::size_t md_cool = md.find("\n| cool-down | 2.0–3.0 | ");
  ASSERT_NE(md_warm, std::string::npos) << md;
  EXPECT_LT(md_warm, md_degraded);
  EXPECT_LT(md_degraded, md_cool);
  EXPECT_NE(
      md.find("1. **latency 300 ms on proxy backend (downstream)**, 1.0–2.0 s (reports.test.backend, latency 300 ms)"),
      std::string::npos)
      << md;
  EXPECT_NE(md.find("❌ degraded: error rate"), std::string::npos) << md;
}

TEST_F(ChaosSectionTest, EveryStringIsEscaped) {
  Report report = journal_report(virtual_journal_);
  const std::string page = write_html(report);
  EXPECT_EQ(page.find("<b>20%"), std::string::npos);
  EXPECT_NE(page.find("errors &lt;b&gt;20%&lt;/b&gt; &amp; &quot;retry&quot; on &#39;backend&#39;"), std::string::npos);
  const std::string md = write_markdown(report);
  EXPECT_EQ(md.find("<b>20%"), std::string::npos);
  EXPECT_NE(md.find("errors &lt;b&gt;20%&lt;/b&gt; &amp; \"retry\" on 'backend'"), std::string::npos) << md;
}

TEST_F(ChaosSectionTest, NothingIsShownForWhatIsAbsent) {
  // No breakers, no tests: no breaker legend or strip, no Tests section or counter.
  Report report = journal_report(virtual_journal_);
  ASSERT_TRUE(report.journals[0].breaker_bands.empty());
  const std::string page = write_html(report);
  EXPECT_EQ(page.find("breaker:"), std::string::npos);
  EXPECT_EQ(page.find("class=\"key br-"), std::string::npos);
  EXPECT_EQ(page.find("class=\"br-"), std::string::npos);
  EXPECT_EQ(page.find("id=\"tests\""), std::string::npos);
  EXPECT_EQ(page.find("href=\"#tests\""), std::string::npos);
  EXPECT_EQ(page.find("<div class=\"k\">Tests</div>"), std::string::npos);
  EXPECT_NE(page.find("<div class=\"k\">Chaos scenarios</div>"), std::string::npos);
  EXPECT_EQ(write_markdown(report).find("| tests |"), std::string::npos);

  // No fault activity, no schedule, no verdicts: no activity table, no window
  // legend or table, no hypotheses column or whole-run table.
  nlohmann::json doc = nlohmann::json::parse(*read_input_file(virtual_journal_, "test file"));
  doc["fault_activity"] = nlohmann::json::array();
  doc["config"]["schedule"] = nlohmann::json::array();
  doc["verdicts"] = nlohmann::json::array();
  auto bare = dir_ / "bare.journal.json";
  ASSERT_TRUE(write_file_atomically(bare, doc.dump()).ok());
  const std::string bare_page = write_html(journal_report(bare));
  EXPECT_EQ(bare_page.find("<th>Fault point</th>"), std::string::npos);
  EXPECT_EQ(bare_page.find("fault window"), std::string::npos);
  EXPECT_EQ(bare_page.find("<th>Fault injected</th>"), std::string::npos);
  EXPECT_EQ(bare_page.find("<th>Hypotheses</th>"), std::string::npos);
  EXPECT_EQ(bare_page.find("<th>Whole run</th>"), std::string::npos);
  EXPECT_NE(bare_page.find("<td class=\"ph\">degraded</td>"), std::string::npos);
}

TEST_F(ChaosSectionTest, RealTimeDurationIsTheWallTime) {
  auto real = testing::write_journal(dir_, "real", chaos::TimeMode::kReal, kRealPhase);
  ASSERT_FALSE(real.empty());
  Report report = journal_report(real);
  const ChaosJournal& j = report.journals[0];
  ASSERT_TRUE(j.wall_seconds.has_value());
  EXPECT_GT(*j.wall_seconds, 0.4);
  const std::string shown = two_decimals(*j.wall_seconds) + " s";
  const std::string page = write_html(report);
  EXPECT_NE(page.find("<div class=\"k\">Duration</div><div class=\"v\">" + shown + "</div>"), std::string::npos)
      << page.substr(0, 4000);
  EXPECT_NE(page.find(shown + " real time"), std::string::npos);
  EXPECT_NE(write_markdown(report).find(shown + " real time"), std::string::npos);

  // A virtual run alone: its scenario time, said to be virtual.
  const std::string virtual_page = write_html(journal_report(virtual_journal_));
  EXPECT_NE(
      virtual_page.find("<div class=\"k\">Duration</div><div class=\"v\">3.0 s</div><div class=\"d\">of virtual time"),
      std::string::npos);
  EXPECT_EQ(virtual_page.find(">0.00 s<"), std::string::npos);
}

TEST_F(ChaosSectionTest, StatusCountsAndJournalThroughputAreShown) {
  nlohmann::json doc = nlohmann::json::parse(*read_input_file(virtual_journal_, "test file"));
  doc["phases"][1]["status_counts"] = {{"503", 14}, {"200", 1200}};
  doc["phases"][1]["throughput_rps"] = 1214.0;
  doc["phases"][0].erase("throughput_rps");
  doc["phases"][0].erase("status_counts");
  auto path = dir_ / "codes.journal.json";
  ASSERT_TRUE(write_file_atomically(path, doc.dump()).ok());
  Report report = journal_report(path);
  const JournalPhaseStats& first = report.journals[0].phases[0];
  EXPECT_DOUBLE_EQ(first.throughput_rps, static_cast<double>(first.completed) / 1.0);  // completed / 1 s
  const std::string page = write_html(report);
  EXPECT_NE(page.find("<th>Status codes</th>"), std::string::npos);
  std::string row = row_at(page, "<td class=\"ph\">degraded");
  EXPECT_NE(row.find("<td class=\"codes\">200×1200 503×14</td>"), std::string::npos) << row;
  EXPECT_NE(row.find("<td class=\"n\">1214.0</td>"), std::string::npos) << row;
  EXPECT_NE(write_markdown(report).find(" | 200×1200 503×14 | "), std::string::npos);
}

TEST_F(ChaosSectionTest, PageIsWellFormedHtml) {
  GAUNTLET_REQUIRE_PROGRAM(xmllint, "xmllint");
  // The same scenario twice (e.g. a virtual and a real run): each card its own id.
  Report report = journal_report(virtual_journal_);
  ASSERT_TRUE(add_input(report, virtual_journal_).ok());
  const std::string html = write_html(report);
  EXPECT_NE(html.find("id=\"chaos-checkout-under-load\""), std::string::npos);
  EXPECT_NE(html.find("id=\"chaos-checkout-under-load-2\""), std::string::npos);
  EXPECT_NE(html.find("href=\"#chaos-checkout-under-load-2\""), std::string::npos);
  auto page = dir_ / "chaos.html";
  ASSERT_TRUE(write_file_atomically(page, html).ok());
  std::string out;
  const std::string problems = testing::html_problems(xmllint, page.string(), out);
  EXPECT_EQ(problems, "") << out;
}

}  // namespace
}  // namespace gauntlet::reports
