// `gauntlet rules` end to end, in process: exit codes, one-line errors with
// file:line:col, the output written atomically and never over a good file
// on failure, warnings on stderr.
#include "gauntlet/cli/testing/cli_run.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace gauntlet::ci::rules {
namespace {

using cli::testing::CliRun;

// `gauntlet rules <args...>`.
CliRun run(std::vector<std::string> args) {
  args.insert(args.begin(), "rules");
  return cli::testing::run_cli(args);
}

class RulesCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("gauntlet_rules_cli_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
    budgets_ = write("gate.yaml", "budgets:\n  tolerance_pct: 10\n  operations:\n    embedding: {p95_ms: 50}\n");
    alerts_ = write("alerts.yaml",
                    "latency: {metric: latency_seconds, label: node}\n"
                    "breakers:\n  embedding: {wait_in_open_s: 60, recovery_sla_s: 2}\n");
    out_ = (dir_ / "rules.yaml").string();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string write(const std::string& name, const std::string& text) {
    const auto p = (dir_ / name).string();
    std::ofstream(p) << text;
    return p;
  }
  std::string read(const std::string& path) {
    std::ifstream in(path);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }

  std::filesystem::path dir_;
  std::string budgets_, alerts_, out_;
};

TEST_F(RulesCommandTest, WritesTheRulesAndSaysWhatItWrote) {
  const CliRun r = run({"--budgets", budgets_, "--alerts", alerts_, "--out", out_});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "wrote 4 alerting rule(s) in 2 group(s) to " + out_ + "\n");
  const std::string rules = read(out_);
  EXPECT_NE(rules.find("from gate.yaml and alerts.yaml."), std::string::npos) << rules;
  EXPECT_NE(rules.find("latency_seconds_bucket{node=\"embedding\"}[5m]))) > 0.055'"), std::string::npos) << rules;
  // Seed 001's 2 s SLA under a 60 s wait: said once, on stderr.
  EXPECT_EQ(r.err.rfind("gauntlet rules: warning: " + alerts_ + ":3:3: breakers.embedding: recovery_sla_s 2", 0), 0u)
      << r.err;
  for (const auto& entry : std::filesystem::directory_iterator(dir_)) {
    EXPECT_EQ(entry.path().string().find(".tmp"), std::string::npos) << "temp file left: " << entry.path();
  }
}

TEST_F(RulesCommandTest, BadInputIsOneLineNamingThePlaceAndExit2) {
  const std::string good = "# a good rules file\n";
  std::ofstream(out_) << good;
  const std::string bad_budgets = write("bad_gate.yaml", "budgets:\n  operations:\n    x: {p95_ms: -1}\n");
  const std::string bad_alerts = write("bad_alerts.yaml", "latency: {metric: latency_seconds, lable: node}\n");
  const std::string stray = write("stray.yaml",
                                  "latency:\n  metric: latency_seconds\n  label: node\n"
                                  "  operations:\n    embeding: {labels: {node: e}}\n");
  const std::pair<std::vector<std::string>, std::string> cases[] = {
      {{"--budgets", bad_budgets, "--alerts", alerts_, "--out", out_}, bad_budgets + ":3:17: "},
      {{"--budgets", budgets_, "--alerts", bad_alerts, "--out", out_},
       bad_alerts + ":1:36: latency.lable: unknown field"},
      {{"--budgets", budgets_, "--alerts", stray, "--out", out_},
       stray + ":5:15: latency.operations.embeding: no budget for this operation in gate.yaml"},
      {{"--budgets", (dir_ / "missing.yaml").string(), "--alerts", alerts_, "--out", out_},
       (dir_ / "missing.yaml").string()},
  };
  for (const auto& [args, prefix] : cases) {
    const CliRun r = run(args);
    EXPECT_EQ(r.code, 2) << r.err;
    EXPECT_EQ(r.err.rfind("gauntlet rules: " + prefix, 0), 0u) << r.err;
    EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << "one line: " << r.err;
    EXPECT_EQ(read(out_), good) << "a failed run leaves the old rules";
  }
  EXPECT_EQ(run({"--alerts", alerts_}).code, 2) << "--out is required";
}

TEST_F(RulesCommandTest, AnUnwritableOutputIsAnEnvironmentFailure) {
  const std::string out = (dir_ / "no" / "such" / "r.yaml").string();
  const CliRun r = run({"--budgets", budgets_, "--alerts", alerts_, "--out", out});
  EXPECT_EQ(r.code, 3) << r.err;
}

}  // namespace
}  // namespace gauntlet::ci::rules
