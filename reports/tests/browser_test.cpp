// Loads the HTML report in headless Chromium from file:// and checks the live
// DOM: rendered, no script errors, hostile text shown as text and never run.
// Writes screenshots to <build>/reports-artifacts/ (report.png, chaos.png).
#include <gtest/gtest.h>

#include <tuple>

#include "chaos_runs.h"
#include "external_tools.h"
#include "gauntlet/reports/writers.h"
#include "gauntlet/harness/input_file.h"
#include "sample_report.h"

namespace gauntlet::reports {
namespace {

using testing::run_shell;

std::string chromium_command(const std::string& chromium, const std::filesystem::path& profile) {
  return "timeout 120 '" + chromium +
         "' --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking "
         "--disable-component-update --disable-sync --disable-quic --disable-dev-shm-usage "
         "--enable-logging=stderr --v=0 --user-data-dir='" +
         profile.string() + "'";
}

class BrowserTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::scratch_dir();
    page_ = dir_ / "report.html";
    ASSERT_TRUE(write_file_atomically(page_, write_html(testing::sample_report(dir_))).ok());
  }
  std::filesystem::path dir_, page_;
};

TEST_F(BrowserTest, RendersWithoutErrorsAndNothingHostileRuns) {
  GAUNTLET_REQUIRE_PROGRAM(chromium, "chromium");
  auto [code, out] = run_shell(chromium_command(chromium, dir_ / "profile") + " --dump-dom 'file://" + page_.string() +
                               "' 2>'" + (dir_ / "stderr.txt").string() + "'");
  ASSERT_EQ(code, 0) << out;
  Result<std::string> log = read_input_file(dir_ / "stderr.txt", "test file");
  ASSERT_TRUE(log.ok());
  const std::string& dom = out;

  // The script ran to the end and reported no errors.
  EXPECT_NE(dom.find("data-rendered=\"true\""), std::string::npos) << dom.substr(0, 2000);
  EXPECT_EQ(dom.find("data-errors="), std::string::npos) << dom;
  EXPECT_EQ(log->find("Uncaught"), std::string::npos) << *log;
  EXPECT_EQ(log->find("Refused to"), std::string::npos) << *log;  // a CSP violation
  EXPECT_EQ(log->find(":CONSOLE"), std::string::npos) << *log;

  // Key elements are present; failures are listed, the first ones open.
  EXPECT_NE(dom.find("id=\"verdict\">FAILED<"), std::string::npos);
  EXPECT_NE(dom.find("Showing 4 of 4 matching tests"), std::string::npos);
  EXPECT_NE(dom.find("class=\"t failed\" open=\"\""), std::string::npos);
  EXPECT_NE(dom.find("id=\"chaos-gradual_failure\""), std::string::npos);

  // Nothing hostile executed ...
  EXPECT_EQ(dom.find("data-pwned=\"1\""), std::string::npos);
  EXPECT_EQ(dom.find("<img"), std::string::npos);
  // ... and the text shows as written (serialised DOM text: only < > & are escaped).
  EXPECT_NE(dom.find("Escaping&lt;/script&gt;.&lt;/"
                     "script&gt;&lt;script&gt;document.body.setAttribute('data-pwned','1')&lt;/script&gt;"),
            std::string::npos);
  EXPECT_NE(
      dom.find(
          "Failure: &lt;img src=x onerror=\"document.body.setAttribute('data-pwned','1')\"&gt; &amp; \"quoted\" &amp; "
          "'single' &lt;/script&gt; Grüße ✓ 日本語"),
      std::string::npos);
  EXPECT_NE(dom.find("Ampersand &amp; \"quotes\" &amp;amp; Ünïcödé ✓"), std::string::npos);
  EXPECT_NE(dom.find("Sample &lt;run&gt; &amp; \"checks\""), std::string::npos);
}

// Clicks headers of the slowest-tests table from a script added after the
// page's own and records the row order (the rank column) after each click.
TEST_F(BrowserTest, ClickingAHeaderSortsItsTable) {
  GAUNTLET_REQUIRE_PROGRAM(chromium, "chromium");
  // More tests whose times sort differently as text ("12" < "2.5", "12.00 s" < "2.50 s" < "90 ms").
  Report report = testing::sample_report(dir_);
  for (auto [name, time] : {std::pair{"Slow", 12.0}, {"Medium", 2.5}, {"Quick", 0.09}}) {
    TestCase t;
    t.suite = "Extra";
    t.name = name;
    t.time_s = time;
    report.tests.cases.push_back(t);
  }
  const std::string html = write_html(report);
  const std::string probe =
      "<script>(function () {"
      "var t = document.getElementById('slowest-tests'), out = [];"
      "function order() { return [].map.call(t.tBodies[0].rows, function (r) { return r.cells[0].textContent; "
      "}).join(','); }"
      "function click(i) { var th = t.tHead.rows[0].cells[i]; th.click(); out.push(order() + ':' + "
      "th.getAttribute('aria-sort')); }"
      "click(4); click(4); click(2);"
      "document.body.setAttribute('data-sorted', out.join(' '));"
      "})();</script></body>";
  std::string probed = html;
  probed.replace(probed.rfind("</body>"), 7, probe);
  auto page = dir_ / "sorted.html";
  ASSERT_TRUE(write_file_atomically(page, probed).ok());
  auto [code, dom] = run_shell(chromium_command(chromium, dir_ / "profile") + " --dump-dom 'file://" + page.string() +
                               "' 2>/dev/null");
  ASSERT_EQ(code, 0) << dom;
  EXPECT_EQ(dom.find("data-errors="), std::string::npos) << dom;
  EXPECT_NE(dom.find("data-sortable=\"true\""), std::string::npos);
  // Ranks 1..6: Slow 12 s, Medium 2.5 s, Ampersand 0.2 s, Plain 0.12 s, </script> 0.1 s, Quick 0.09 s.
  // Time ascending, then descending (as numbers; as text it would end 1,2),
  // then the test name lexically ('<', 'A', 'M', 'P', 'Q', 'S').
  EXPECT_NE(dom.find("data-sorted=\"6,5,4,3,2,1:ascending 1,2,3,4,5,6:descending 5,3,2,4,6,1:ascending\""),
            std::string::npos)
      << dom.substr(0, 600);
  // Only the sorted column says so.
  EXPECT_NE(dom.find("aria-sort=\"none\""), std::string::npos);
}

TEST_F(BrowserTest, WritesAScreenshotArtifact) {
  GAUNTLET_REQUIRE_PROGRAM(chromium, "chromium");
  auto artifacts = std::filesystem::path(GAUNTLET_BINARY_DIR) / "reports-artifacts";
  std::filesystem::create_directories(artifacts);
  auto png = artifacts / "report.png";
  std::filesystem::remove(png);
  auto [code, out] = run_shell(chromium_command(chromium, dir_ / "profile") + " --hide-scrollbars --screenshot='" +
                               png.string() + "' --window-size=1280,1600 'file://" + page_.string() + "'");
  ASSERT_EQ(code, 0) << out;
  ASSERT_TRUE(std::filesystem::exists(png)) << out;
  EXPECT_GT(std::filesystem::file_size(png), 20'000u);  // a blank page compresses to a few KB
}

// A page with chaos journals and no test results: no test list, the script
// still finishes cleanly; the screenshot goes to reports-artifacts/chaos.png.
TEST(BrowserChaosTest, PageWithoutTestsRendersCleanly) {
  GAUNTLET_REQUIRE_PROGRAM(chromium, "chromium");
  auto dir = testing::scratch_dir();
  Report report;
  for (auto [name, mode, phase] : {std::tuple{"virtual", chaos::TimeMode::kVirtual, kNanosPerSecond},
                                   {"real", chaos::TimeMode::kReal, 150 * kNanosPerMilli}}) {
    auto journal = testing::write_journal(dir, name, mode, phase);
    ASSERT_TRUE(add_input(report, journal).ok());
  }
  auto page = dir / "chaos.html";
  ASSERT_TRUE(write_file_atomically(page, write_html(report)).ok());
  auto [code, dom] =
      run_shell(chromium_command(chromium, dir / "profile") + " --dump-dom 'file://" + page.string() + "' 2>/dev/null");
  ASSERT_EQ(code, 0) << dom;
  EXPECT_NE(dom.find("data-rendered=\"true\""), std::string::npos) << dom.substr(0, 2000);
  EXPECT_EQ(dom.find("data-errors="), std::string::npos);
  EXPECT_EQ(dom.find("id=\"test-list\""), std::string::npos);
  EXPECT_NE(dom.find("<td class=\"ph\">degraded"), std::string::npos);

  auto artifacts = std::filesystem::path(GAUNTLET_BINARY_DIR) / "reports-artifacts";
  std::filesystem::create_directories(artifacts);
  auto png = artifacts / "chaos.png";
  std::filesystem::remove(png);
  auto [shot, out] = run_shell(chromium_command(chromium, dir / "profile") + " --hide-scrollbars --screenshot='" +
                               png.string() + "' --window-size=1280,2000 'file://" + page.string() + "'");
  ASSERT_EQ(shot, 0) << out;
  EXPECT_TRUE(std::filesystem::exists(png)) << out;
}

}  // namespace
}  // namespace gauntlet::reports
