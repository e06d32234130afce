#include <gtest/gtest.h>

#include <sstream>

#include "gauntlet/cli/testing/cli_run.h"
#include "gauntlet/harness/atomic_file.h"
#include "gauntlet/harness/input_file.h"
#include "sample_runs.h"

namespace gauntlet::reports {
namespace {

using cli::testing::CliRun;
CliRun run(const std::vector<std::string>& args) { return cli::testing::run_cli(args); }

// The gate result the gate wrote (ci/tests/gate_golden_test.cpp).
std::filesystem::path gate_golden() { return std::filesystem::path(GAUNTLET_SOURCE_DIR) / testing::kGateGolden; }

TEST(ReportCommandTest, WritesEveryFormat) {
  auto dir = testing::scratch_dir();
  testing::run_sample_suite("xml", dir / "run.xml");
  auto data = testing::data_dir();
  CliRun r = run({"report", (dir / "run.xml").string(),
                  (std::filesystem::path(GAUNTLET_SOURCE_DIR) / testing::kJournalGoldens[0]).string(),
                  gate_golden().string(), "--html", (dir / "r.html").string(), "--junit", (dir / "r.xml").string(),
                  "--markdown", (dir / "r.md").string(), "--json", (dir / "r.json").string(), "--env", "branch=main"});
  EXPECT_EQ(r.code, 0) << r.err;
  for (const char* f : {"r.html", "r.xml", "r.md", "r.json"}) {
    Result<std::string> text = read_input_file(dir / f, "test file");
    ASSERT_TRUE(text.ok()) << f;
    EXPECT_GT(text->size(), 100u) << f;
  }
  EXPECT_NE(read_input_file(dir / "r.md", "test file")->find("`r.html`"), std::string::npos);
  EXPECT_NE(read_input_file(dir / "r.html", "test file")->find("branch"), std::string::npos);
}

TEST(ReportCommandTest, FailOnFailureExitsOne) {
  auto dir = testing::scratch_dir();
  CliRun r = run({"report", gate_golden().string(), "--json", (dir / "r.json").string(), "--fail-on-failure"});
  EXPECT_EQ(r.code, 1) << r.err;
}

TEST(ReportCommandTest, BadInputIsOneLineExitTwo) {
  auto dir = testing::scratch_dir();
  ASSERT_TRUE(write_file_atomically(dir / "bad.xml", "<testsuites><testsuite").ok());
  CliRun r = run({"report", (dir / "bad.xml").string(), "--html", (dir / "r.html").string()});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << r.err;
  EXPECT_NE(r.err.find("bad.xml:1:"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "r.html"));
}

TEST(ReportCommandTest, NoOutputIsUsageError) {
  CliRun r = run({"report", gate_golden().string()});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("nothing to write"), std::string::npos);
}

TEST(ReportCommandTest, MissingInputIsExitTwo) {
  CliRun r = run({"report", "/nonexistent/x.xml", "--json", (testing::scratch_dir() / "r.json").string()});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("gauntlet report: /nonexistent/x.xml: cannot open report input: No such file or directory"),
            std::string::npos)
      << r.err;
}

}  // namespace
}  // namespace gauntlet::reports
