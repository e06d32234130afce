#include "gauntlet/ci/gate_config.h"

#include <gtest/gtest.h>

namespace gauntlet::ci {
namespace {

TEST(GateConfigTest, ReadsEveryField) {
  auto c = parse_gate_config(R"(
schema: gauntlet.gate-config/1
metric: cpu_time
alpha: 0.01
confidence: 0.99
threshold_pct: 7
interleaved_threshold_pct: 2
thresholds:
  - match: "BM_Net*"
    threshold_pct: 20
ignore: ["BM_Flaky*"]
min_repetitions: 8
bootstrap_resamples: 500
seed: 42
history_sigmas: 2.5
inconclusive: fail
environment: refuse
budgets:
  tolerance_pct: 10
  operations:
    embedding: {p95_ms: 50.0, p99_ms: 80.0}
    sanitization: {p50_us: 900, tolerance_pct: 5}
)", "gate.yaml");
  ASSERT_TRUE(c.ok()) << c.error().message();
  EXPECT_EQ(c->metric, "cpu_time");
  EXPECT_DOUBLE_EQ(c->alpha, 0.01);
  EXPECT_DOUBLE_EQ(c->confidence, 0.99);
  EXPECT_DOUBLE_EQ(c->default_threshold, 0.07);
  EXPECT_DOUBLE_EQ(c->interleaved_threshold, 0.02);
  EXPECT_DOUBLE_EQ(c->threshold_for("BM_Net/tcp"), 0.20);
  EXPECT_DOUBLE_EQ(c->threshold_for("BM_Cpu"), 0.07);
  EXPECT_TRUE(c->ignored("BM_Flaky_io"));
  EXPECT_FALSE(c->ignored("BM_Cpu"));
  EXPECT_EQ(c->min_repetitions, 8);
  EXPECT_EQ(c->bootstrap_resamples, 500);
  EXPECT_EQ(c->seed, 42u);
  EXPECT_DOUBLE_EQ(c->history_sigmas, 2.5);
  EXPECT_EQ(c->inconclusive, InconclusivePolicy::kFail);
  EXPECT_EQ(c->environment, EnvironmentPolicy::kRefuse);
  ASSERT_EQ(c->budgets.size(), 2u);
  EXPECT_EQ(c->budgets[0].operation, "embedding");
  EXPECT_DOUBLE_EQ(c->budgets[0].p95_ns, 50e6);
  EXPECT_DOUBLE_EQ(c->budgets[0].p99_ns, 80e6);
  EXPECT_DOUBLE_EQ(c->budgets[0].tolerance_pct, 10);
  EXPECT_DOUBLE_EQ(c->budgets[1].p50_ns, 900e3);
  EXPECT_DOUBLE_EQ(c->budgets[1].tolerance_pct, 5);
}

TEST(GateConfigTest, EnvironmentAdvisoryIsAPolicy) {
  auto c = parse_gate_config("environment: advisory\n", "gate.yaml");
  ASSERT_TRUE(c.ok()) << c.error().message();
  EXPECT_EQ(c->environment, EnvironmentPolicy::kAdvisory);
  auto bad = parse_gate_config("environment: sometimes\n", "gate.yaml");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code(), ErrorCode::kSchemaError);
  EXPECT_NE(bad.error().message().find("gate.yaml:1:"), std::string::npos) << bad.error().message();
}

TEST(GateConfigTest, EmptyFileGivesDefaults) {
  auto c = parse_gate_config("", "empty.yaml");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->metric, "real_time");
  EXPECT_DOUBLE_EQ(c->default_threshold, 0.05);
  EXPECT_DOUBLE_EQ(c->interleaved_threshold, 0.01);
}

TEST(GateConfigTest, NoiseModelFields) {
  auto c = parse_gate_config("process_noise_pct: 1.5\nrun_noise_pct: 2\nnoise_tail_df: 5\n"
                             "history_quantile: 0.5\nhistory_min_runs: 12\n", "gate.yaml");
  ASSERT_TRUE(c.ok()) << c.error().message();
  EXPECT_DOUBLE_EQ(c->process_noise, 0.015);
  EXPECT_DOUBLE_EQ(c->run_noise, 0.02);
  EXPECT_DOUBLE_EQ(c->noise_tail_df, 5.0);
  EXPECT_DOUBLE_EQ(c->history_quantile, 0.5);
  EXPECT_EQ(c->history_min_runs, 12);
  // Defaults, chosen on the first corpus part (docs/gate.md).
  GateConfig d;
  EXPECT_DOUBLE_EQ(d.process_noise, 0.02);
  EXPECT_DOUBLE_EQ(d.run_noise, 0.03);
  EXPECT_DOUBLE_EQ(d.noise_tail_df, 3.0);
  EXPECT_DOUBLE_EQ(d.history_quantile, 0.75);
  EXPECT_EQ(d.history_min_runs, 8);
  auto df = parse_gate_config("noise_tail_df: 0.5\n", "gate.yaml");
  ASSERT_FALSE(df.ok());
  EXPECT_EQ(df.error().message().rfind("gate.yaml:1:16: noise_tail_df: must lie in [1, ", 0), 0u)
      << df.error().message();
  auto runs = parse_gate_config("history_min_runs: 2.5\n", "gate.yaml");
  ASSERT_FALSE(runs.ok());
  EXPECT_NE(runs.error().message().find("history_min_runs: "), std::string::npos);
}

TEST(GateConfigTest, BadValueNamesFieldAndLine) {
  auto c = parse_gate_config("metric: real_time\nalpha: 2\n", "gate.yaml");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().code(), ErrorCode::kSchemaError);
  EXPECT_EQ(c.error().message().rfind("gate.yaml:2:8: alpha: must lie in", 0), 0u) << c.error().message();
  auto negative = parse_gate_config("interleaved_threshold_pct: -1\n", "gate.yaml");
  ASSERT_FALSE(negative.ok());
  EXPECT_EQ(negative.error().message().rfind("gate.yaml:1:28: interleaved_threshold_pct: must lie in", 0), 0u)
      << negative.error().message();
}

TEST(GateConfigTest, UnknownFieldAndBadChoice) {
  auto unknown = parse_gate_config("metric: real_time\nthreshhold_pct: 5\n", "g.yaml");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().message(), "g.yaml:2:1: threshhold_pct: unknown field");
  auto choice = parse_gate_config("inconclusive: maybe\n", "g.yaml");
  ASSERT_FALSE(choice.ok());
  EXPECT_NE(choice.error().message().find("inconclusive: expected warn or fail"), std::string::npos);
  auto budget = parse_gate_config("budgets:\n  operations:\n    x: {tolerance_pct: 3}\n", "g.yaml");
  ASSERT_FALSE(budget.ok());
  EXPECT_NE(budget.error().message().find("g.yaml:3:8: budgets.operations.x: no limit"), std::string::npos)
      << budget.error().message();
}

TEST(GateConfigTest, YamlSyntaxErrorIsParseErrorWithPlace) {
  auto c = parse_gate_config("metric: [real_time\n", "g.yaml");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().code(), ErrorCode::kParseError);
  EXPECT_EQ(c.error().message().rfind("g.yaml:", 0), 0u);
}

TEST(GateConfigTest, MissingFile) {
  auto c = read_gate_config("/nonexistent/gate.yaml");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().code(), ErrorCode::kNotFound);
}

}  // namespace
}  // namespace gauntlet::ci
