#include "gauntlet/ci/gate_config.h"

#include <gtest/gtest.h>

#include "gauntlet/harness/testing/status_matchers.h"

namespace gauntlet::ci {
using records::QualityGrade;

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
)",
                             "gate.yaml");
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
  EXPECT_THAT(bad, matchers::StatusIs(ErrorCode::kSchemaError, ::testing::HasSubstr("gate.yaml:1:")));
}

TEST(GateConfigTest, EmptyFileGivesDefaults) {
  auto c = parse_gate_config("", "empty.yaml");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->metric, "real_time");
  EXPECT_DOUBLE_EQ(c->default_threshold, 0.05);
  EXPECT_DOUBLE_EQ(c->interleaved_threshold, 0.01);
}

TEST(GateConfigTest, NoiseModelFields) {
  auto c = parse_gate_config(
      "process_noise_pct: 1.5\nrun_noise_pct: 2\nnoise_tail_df: 5\n"
      "history_quantile: 0.5\nhistory_min_runs: 12\n",
      "gate.yaml");
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
  EXPECT_THAT(runs, matchers::StatusIs(ErrorCode::kSchemaError, ::testing::HasSubstr("history_min_runs: ")));
}

TEST(GateConfigTest, BadValueNamesFieldAndLine) {
  auto c = parse_gate_config("metric: real_time\nalpha: 2\n", "gate.yaml");
  ASSERT_THAT(c, matchers::StatusIs(ErrorCode::kSchemaError));
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
  EXPECT_THAT(choice,
              matchers::StatusIs(ErrorCode::kSchemaError, ::testing::HasSubstr("inconclusive: expected warn or fail")));
  auto budget = parse_gate_config("budgets:\n  operations:\n    x: {tolerance_pct: 3}\n", "g.yaml");
  EXPECT_THAT(budget, matchers::StatusIs(ErrorCode::kSchemaError,
                                         ::testing::HasSubstr("g.yaml:3:8: budgets.operations.x: no limit")));
}

TEST(GateConfigTest, YamlSyntaxErrorIsParseErrorWithPlace) {
  auto c = parse_gate_config("metric: [real_time\n", "g.yaml");
  ASSERT_THAT(c, matchers::StatusIs(ErrorCode::kParseError));
  EXPECT_EQ(c.error().message().rfind("g.yaml:", 0), 0u);
}

TEST(GateConfigTest, MissingFile) {
  auto c = read_gate_config("/nonexistent/gate.yaml");
  ASSERT_THAT(c, matchers::StatusIs(ErrorCode::kNotFound));
}

TEST(GateConfigTest, ThroughputFloorsSampleMinimumsAndRatios) {
  auto c = parse_gate_config(R"(budgets:
  tolerance_pct: 0
  min_samples: 100
  operations:
    metrics_concurrent: {min_throughput: 50000}
    traces: {min_throughput: 5000, throughput_counter: traces_per_second, min_samples: 5, p99_ms: 2}
min_quality: fair
ratios:
  - {numerator: BM_X/instrumented, denominator: BM_X/plain, max: 1.01}
  - {name: keeps pace, numerator: BM_Y/a, denominator: BM_Y/b, min: 0.9, max: 1.1, metric: cpu_time}
)",
                             "g.yaml");
  ASSERT_TRUE(c.ok()) << c.error().message();
  ASSERT_EQ(c->budgets.size(), 2u);
  EXPECT_EQ(c->budgets[0].min_throughput, 50000);
  EXPECT_EQ(c->budgets[0].throughput_counter, "items_per_second");
  EXPECT_EQ(c->budgets[0].min_samples, 100);
  EXPECT_EQ(c->budgets[0].tolerance_pct, 0);
  EXPECT_EQ(c->budgets[1].throughput_counter, "traces_per_second");
  EXPECT_EQ(c->budgets[1].min_samples, 5);
  EXPECT_DOUBLE_EQ(c->budgets[1].p99_ns, 2e6);
  EXPECT_EQ(c->min_quality, QualityGrade::kFair);
  EXPECT_FALSE(GateConfig{}.min_quality.has_value());
  ASSERT_EQ(c->ratios.size(), 2u);
  EXPECT_EQ(c->ratios[0].name, "BM_X/instrumented / BM_X/plain");
  EXPECT_EQ(c->ratios[0].max, 1.01);
  EXPECT_EQ(c->ratios[0].min, 0);
  EXPECT_EQ(c->ratios[0].metric, "");
  EXPECT_EQ(c->ratios[1].name, "keeps pace");
  EXPECT_EQ(c->ratios[1].min, 0.9);
  EXPECT_EQ(c->ratios[1].metric, "cpu_time");
}

TEST(GateConfigTest, BadThroughputAndRatioEntriesNameFieldAndPlace) {
  const std::pair<const char*, const char*> cases[] = {
      {"budgets:\n  operations:\n    x: {min_throughput: -1}\n",
       "g.yaml:3:25: budgets.operations.x.min_throughput: must lie in [0, 1e+300]"},
      {"budgets:\n  operations:\n    x: {p95_ms: 1, p95_msec: 2}\n",
       "g.yaml:3:20: budgets.operations.x.p95_msec: unknown field"},
      {"budgets:\n  operations:\n    x: {min_throughput: 5, min_samples: 2.5}\n",
       "g.yaml:3:41: budgets.operations.x.min_samples: expected a whole number, got 2.5"},
      {"budgets:\n  operations:\n    x: {min_throughput: 5, tolerance_pct: 100}\n",
       "g.yaml:3:8: budgets.operations.x: tolerance_pct must be below 100 for a min_throughput floor"},
      {"budgets:\n  min_sample: 3\n  operations:\n    x: {p95_ms: 1}\n",
       "g.yaml:2:3: budgets.min_sample: unknown field"},
      {"min_quality: great\n", "g.yaml:1:14: min_quality: expected poor or fair or good, got \"great\""},
      {"ratios: {numerator: a}\n", "g.yaml:1:9: ratios: expected a list of {numerator, denominator, max}"},
      {"ratios:\n  - {numerator: a, max: 1.01}\n", "g.yaml:2:5: ratios[0].denominator: missing"},
      {"ratios:\n  - {numerator: a, denominator: a, max: 1.01}\n",
       "g.yaml:2:33: ratios[0].denominator: is the numerator; a ratio needs two benchmarks"},
      {"ratios:\n  - {numerator: a, denominator: b}\n", "g.yaml:2:5: ratios[0]: no limit (expected max and/or min)"},
      {"ratios:\n  - {numerator: a, denominator: b, max: 1.0, min: 1.1}\n",
       "g.yaml:2:51: ratios[0].min: must be below max"},
      {"ratios:\n  - {numerator: a, denominator: b, max: 0}\n",
       "g.yaml:2:41: ratios[0].max: must lie in [1e-09, 1e+09]"},
      {"ratios:\n  - {numerator: a, denominator: b, max: 2, maximum: 3}\n",
       "g.yaml:2:44: ratios[0].maximum: unknown field"},
  };
  for (const auto& [yaml, message] : cases) {
    auto c = parse_gate_config(yaml, "g.yaml");
    ASSERT_THAT(c, matchers::StatusIs(ErrorCode::kSchemaError)) << yaml;
    EXPECT_EQ(c.error().message().rfind(message, 0), 0u) << c.error().message();
  }
}

}  // namespace
}  // namespace gauntlet::ci
