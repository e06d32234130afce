// Absolute checks of the gate: margins on latency budgets, throughput floors,
// min_samples, the single-run gate and sample quality (ratio rules:
// ratio_rules_test.cpp).
#include "gauntlet/ci/gate.h"
#include "gauntlet/ci/gate_reporters.h"
#include "gauntlet/records/gate_result_json.h"

#include "gate_test_files.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <cmath>

namespace gauntlet::ci {
using records::GateResult;
using records::QualityGrade;

namespace {

using testing::add_rounds;
using testing::add_runs;
using testing::file_named;
using testing::noisy;
using testing::pair;
using testing::ratio_config;

LatencyBudget latency(const std::string& op, double p95_ns, double tolerance = 10, int min_samples = 0) {
  LatencyBudget b;
  b.operation = op;
  b.p95_ns = p95_ns;
  b.tolerance_pct = tolerance;
  b.min_samples = min_samples;
  return b;
}

LatencyBudget floor_of(const std::string& op, double ops, double tolerance = 10, int min_samples = 0) {
  LatencyBudget b;
  b.operation = op;
  b.min_throughput = ops;
  b.tolerance_pct = tolerance;
  b.min_samples = min_samples;
  return b;
}

// Three repetitions of `op` with p95_ns counters and latency_samples.
BenchmarkFile with_p95(const std::string& op, std::vector<double> p95, double samples) {
  auto f = file_named("c.json");
  add_runs(f, op, std::vector<double>(p95.size(), 1000.0));
  for (std::size_t i = 0; i < p95.size(); ++i) {
    f.rows[i].counters["p95_ns"] = p95[i];
    f.rows[i].counters["latency_samples"] = samples;
  }
  return f;
}

TEST(GateChecksTest, LatencyMarginIsTheShareOfTheAllowedValueLeft) {
  // Seed 001's example: 0.04 ms against 5.0 ms + 10% = 5.5 ms allowed.
  const auto f = with_p95("routing", {30e3, 40e3, 35e3}, 1000);
  auto checks = check_budgets(f, {latency("routing", 5e6)});
  ASSERT_EQ(checks.size(), 1u);
  EXPECT_EQ(checks[0].verdict, "within");
  EXPECT_FALSE(checks[0].breached);
  EXPECT_DOUBLE_EQ(checks[0].measured_ns, 40e3);  // the worst repetition
  EXPECT_DOUBLE_EQ(checks[0].allowed_ns, 5.5e6);
  EXPECT_NEAR(checks[0].margin, (5.5e6 - 40e3) / 5.5e6, 1e-12);  // +99.3%
  EXPECT_EQ(checks[0].samples, 1000);

  const auto slow = with_p95("routing", {5.0e6, 6.05e6}, 1000);
  auto breach = check_budgets(slow, {latency("routing", 5e6)});
  EXPECT_EQ(breach[0].verdict, "breached");
  EXPECT_TRUE(breach[0].breached);
  EXPECT_NEAR(breach[0].margin, -0.1, 1e-12);  // 6.05 ms is 10% over 5.5 ms
}

TEST(GateChecksTest, TooFewLatencySamplesFailTheBudget) {
  const auto f = with_p95("routing", {40e3}, 50);
  auto checks = check_budgets(f, {latency("routing", 5e6, 10, 100)});
  EXPECT_EQ(checks[0].verdict, "too_few_samples");
  EXPECT_TRUE(checks[0].breached);
  EXPECT_GT(checks[0].margin, 0.9);  // the margin is still shown
  auto enough = check_budgets(with_p95("routing", {40e3}, 100), {latency("routing", 5e6, 10, 100)});
  EXPECT_EQ(enough[0].verdict, "within");
  // No latency_samples counter: the count is unknown, so a minimum cannot be met.
  auto f2 = with_p95("routing", {40e3}, 0);
  f2.rows[0].counters.erase("latency_samples");
  auto unknown = check_budgets(f2, {latency("routing", 5e6, 10, 1)});
  EXPECT_EQ(unknown[0].samples, -1);
  EXPECT_EQ(unknown[0].verdict, "too_few_samples");
  auto missing = check_budgets(f2, {latency("absent", 5e6)});
  EXPECT_EQ(missing[0].verdict, "not_measured");
  EXPECT_TRUE(std::isnan(missing[0].margin));
}

TEST(GateChecksTest, TheQuantilesIntervalIsShownButNeverFailsABudget) {
  // The worst repetition (4.6 ms) carries LatencyRecorder's 95% interval.
  auto f = with_p95("routing", {4.0e6, 4.6e6, 4.2e6}, 1000);
  f.rows[0].counters["p95_ns_high"] = 9e6;  // another repetition's bound is not read
  f.rows[1].counters["p95_ns_low"] = 4.4e6;
  f.rows[1].counters["p95_ns_high"] = 5.8e6;
  GateConfig c;
  c.budgets = {latency("routing", 5e6)};  // allowed 5.5 ms
  auto checks = check_budgets(f, c.budgets);
  ASSERT_EQ(checks.size(), 1u);
  EXPECT_EQ(checks[0].verdict, "within");  // measured 4.6 ms <= 5.5 ms: the interval does not fail it
  EXPECT_FALSE(checks[0].breached);
  EXPECT_DOUBLE_EQ(checks[0].ci_low_ns, 4.4e6);
  EXPECT_DOUBLE_EQ(checks[0].ci_high_ns, 5.8e6);
  GateResult shown;
  shown.budgets = checks;
  std::string console = gate_console_table(shown, false);
  EXPECT_NE(console.find("budget within: routing p95 4.6 ms <= 5.5 ms (limit 5 ms +10%), margin +16.4%, 1000 samples, "
                         "95% interval [4.4 ms, 5.8 ms] (within, but the 95% interval reaches 5.8 ms)\n"),
            std::string::npos)
      << console;
  EXPECT_NE(gate_markdown(shown).find("| routing | p95 | 4.6 ms [4.4 ms, 5.8 ms] | 5.5 ms | +16.4% | 1000 | within, "
                                      "but the 95% interval reaches 5.8 ms |"),
            std::string::npos)
      << gate_markdown(shown);

  // Too few samples for an upper bound: LatencyRecorder leaves it out.
  f.rows[1].counters.erase("p95_ns_high");
  shown.budgets = check_budgets(f, c.budgets);
  EXPECT_TRUE(std::isnan(shown.budgets[0].ci_high_ns));
  EXPECT_EQ(shown.budgets[0].verdict, "within");
  console = gate_console_table(shown, false);
  EXPECT_NE(console.find("1000 samples, 95% interval [4.4 ms, unbounded] (within, but the 95% interval has no upper "
                         "bound)\n"),
            std::string::npos)
      << console;

  // An interval inside the allowed value: shown, no note.
  f.rows[1].counters["p95_ns_high"] = 5.0e6;
  shown.budgets = check_budgets(f, c.budgets);
  console = gate_console_table(shown, false);
  EXPECT_NE(console.find("1000 samples, 95% interval [4.4 ms, 5 ms]\n"), std::string::npos) << console;

  // No interval counters (older benchmarks): NaN, and the line is as before.
  const auto plain = with_p95("routing", {4.6e6}, 1000);
  shown.budgets = check_budgets(plain, c.budgets);
  EXPECT_TRUE(std::isnan(shown.budgets[0].ci_low_ns));
  EXPECT_TRUE(std::isnan(shown.budgets[0].ci_high_ns));
  console = gate_console_table(shown, false);
  EXPECT_NE(console.find("margin +16.4%, 1000 samples\n"), std::string::npos) << console;
  EXPECT_EQ(console.find("95% interval"), std::string::npos) << console;

  // A breach keeps its verdict and shows the interval without a note.
  f.rows[1].counters["p95_ns"] = 6e6;
  f.rows[1].counters["p95_ns_high"] = 7e6;
  shown.budgets = check_budgets(f, c.budgets);
  EXPECT_EQ(shown.budgets[0].verdict, "breached");
  console = gate_console_table(shown, false);
  EXPECT_NE(console.find("1000 samples, 95% interval [4.4 ms, 7 ms]\n"), std::string::npos) << console;
}

TEST(GateChecksTest, ThroughputFloorUsesTheSlowestRepetition) {
  auto f = file_named("c.json");
  add_runs(f, "BM_Metrics", {1000, 1000, 1000, 1000});
  const double ips[] = {61000, 58000, 64000, 60000};
  for (std::size_t i = 0; i < 4; ++i) f.rows[i].counters["items_per_second"] = ips[i];
  auto ok = check_throughput(f, {floor_of("BM_Metrics", 50000, 0)});
  ASSERT_EQ(ok.size(), 1u);
  EXPECT_EQ(ok[0].verdict, "within");
  EXPECT_EQ(ok[0].counter, "items_per_second");
  EXPECT_DOUBLE_EQ(ok[0].measured, 58000);
  EXPECT_EQ(ok[0].samples, 4);
  EXPECT_NEAR(ok[0].margin, 0.16, 1e-12);                                // 58000 is 16% above 50000
  auto high = check_throughput(f, {floor_of("BM_Metrics", 70000, 10)});  // allowed 63000
  EXPECT_EQ(high[0].verdict, "breached");
  EXPECT_DOUBLE_EQ(high[0].allowed, 63000);
  EXPECT_NEAR(high[0].margin, (58000.0 - 63000.0) / 63000.0, 1e-12);
  auto few = check_throughput(f, {floor_of("BM_Metrics", 50000, 0, 5)});
  EXPECT_EQ(few[0].verdict, "too_few_samples");
  LatencyBudget named = floor_of("BM_Metrics", 10, 0);
  named.throughput_counter = "traces_per_second";
  auto absent = check_throughput(f, {named});
  EXPECT_EQ(absent[0].verdict, "not_measured");
  EXPECT_TRUE(absent[0].breached);
  f.rows[0].counters["traces_per_second"] = 12;
  auto present = check_throughput(f, {named});
  EXPECT_EQ(present[0].verdict, "within");
  EXPECT_EQ(present[0].samples, 1);
}

TEST(GateChecksTest, JournalPhasesGiveThroughputAndSampleCounts) {
  OperationLatency phase;
  phase.operation = "spike/fault";
  phase.p95_ns = 40e6;
  phase.completed = 80;
  phase.throughput_rps = 8;
  auto t = check_throughput(BenchmarkFile{}, {floor_of("spike/fault", 5, 0, 100)}, {phase});
  EXPECT_EQ(t[0].counter, "throughput_rps");
  EXPECT_EQ(t[0].samples, 80);
  EXPECT_EQ(t[0].verdict, "too_few_samples");
  auto l = check_budgets(BenchmarkFile{}, {latency("spike/fault", 50e6, 0, 50)}, {phase});
  EXPECT_EQ(l[0].verdict, "within");
  EXPECT_NEAR(l[0].margin, 0.2, 1e-12);
}

TEST(GateChecksTest, SingleRunGatePassesFailsAndHonoursInconclusivePolicy) {
  GateConfig c = ratio_config(1.01);
  EXPECT_TRUE(run_single_gate(pair(1.002, 0.002, 12, 1), c).passed);
  EXPECT_FALSE(run_single_gate(pair(1.05, 0.002, 12, 2), c).passed);
  const auto crossing = pair(1.01, 0.08, 12, 3);
  auto warn = run_single_gate(crossing, c);
  EXPECT_TRUE(warn.passed);
  EXPECT_EQ(warn.summary.ratio_inconclusive, 1);
  c.inconclusive = InconclusivePolicy::kFail;
  EXPECT_FALSE(run_single_gate(crossing, c).passed);
  // A two-file gate judges the ratios on the current file.
  auto regressed = run_gate(pair(1.0, 0.002, 12, 7), pair(1.05, 0.002, 12, 2), ratio_config(1.01));
  ASSERT_TRUE(regressed.ok());
  ASSERT_EQ(regressed->ratios.size(), 1u);
  EXPECT_EQ(regressed->ratios[0].verdict, "regressed");
  EXPECT_FALSE(regressed->passed);
}

TEST(GateChecksTest, EveryOutputShowsMarginsAndRatios) {
  auto f = with_p95("routing", {40e3}, 1000);
  add_runs(f, "BM_X/plain", noisy(12, 1000, 0.002, 1));
  add_runs(f, "BM_X/instrumented", noisy(12, 1050, 0.002, 2));
  f.rows[0].counters["items_per_second"] = 61000;
  GateConfig c = ratio_config(1.01);
  c.budgets = {latency("routing", 5e6), floor_of("routing", 50000, 0)};
  const GateResult r = run_single_gate(f, c);
  const std::string console = gate_console_table(r, false);
  EXPECT_NE(console.find("budget within: routing p95 40 us <= 5.5 ms (limit 5 ms +10%), margin +99.3%, 1000 samples"),
            std::string::npos)
      << console;
  EXPECT_NE(console.find("throughput within: routing 61000 ops/s >= 50000 ops/s (floor 50000 ops/s, "
                         "items_per_second), margin +22.0%, 1 repetitions"),
            std::string::npos)
      << console;
  EXPECT_NE(console.find("ratio regressed: overhead (limit <= 1.01, margin -"), std::string::npos) << console;
  EXPECT_NE(console.find("; ratios: 0 within, 1 regressed, 0 inconclusive, 0 missing"), std::string::npos) << console;
  const std::string md = gate_markdown(r);
  EXPECT_NE(md.find("| routing | p95 | 40 us | 5.5 ms | +99.3% | 1000 | within |"), std::string::npos) << md;
  EXPECT_NE(md.find("### Ratios"), std::string::npos) << md;
  EXPECT_NE(md.find("| overhead | 1.0"), std::string::npos) << md;
  auto doc = nlohmann::json::parse(records::gate_result_json(r));
  EXPECT_NEAR(doc["budgets"][0]["margin"].get<double>(), (5.5e6 - 40e3) / 5.5e6, 1e-12);
  EXPECT_EQ(doc["budgets"][0]["verdict"], "within");
  EXPECT_EQ(doc["budgets"][0]["samples"], 1000);
  EXPECT_EQ(doc["throughput"][0]["counter"], "items_per_second");
  EXPECT_NEAR(doc["throughput"][0]["margin"].get<double>(), 0.22, 1e-12);
  EXPECT_EQ(doc["ratios"][0]["verdict"], "regressed");
  EXPECT_EQ(doc["ratios"][0]["min"], nullptr);
  EXPECT_EQ(doc["summary"]["ratio_regressions"], 1);
  EXPECT_EQ(doc["verdict"], "fail");
}

MetricSamples samples_of(std::vector<double> values) {
  MetricSamples s;
  s.values = std::move(values);
  s.rounds.assign(s.values.size(), -1);
  return s;
}

TEST(GateChecksTest, QualityGradesFromRepetitionsAndTheMedianInterval) {
  // n = 10: P(Bin(10, 1/2) <= 1) = 1.07% <= 2.5% < P(<= 2) = 5.5%, so [x(2), x(9)].
  auto good = assess_quality("BM_Good", samples_of({1000, 1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 1009}));
  EXPECT_EQ(good.samples, 10u);
  EXPECT_DOUBLE_EQ(good.median_low, 1001);
  EXPECT_DOUBLE_EQ(good.median_high, 1008);
  EXPECT_NEAR(good.interval_halfwidth, 3.5 / 1004.5, 1e-12);
  EXPECT_EQ(good.grade, QualityGrade::kGood);
  EXPECT_GT(good.dispersion, 0);
  // n = 6: [x(1), x(6)] (P(X <= 0) = 1.6%); +-4% around the median is fair.
  auto fair = assess_quality("BM_Fair", samples_of({960, 990, 1000, 1000, 1010, 1040}));
  EXPECT_DOUBLE_EQ(fair.median_low, 960);
  EXPECT_DOUBLE_EQ(fair.median_high, 1040);
  EXPECT_EQ(fair.grade, QualityGrade::kFair);
  // Tight, but only 5 repetitions: no 95% interval of the median exists.
  auto few = assess_quality("BM_Few", samples_of({1000, 1000, 1001, 1001, 1002}));
  EXPECT_TRUE(std::isnan(few.median_low));
  EXPECT_TRUE(std::isinf(few.interval_halfwidth));
  EXPECT_EQ(few.grade, QualityGrade::kPoor);
  // Ten repetitions spread over +-20%.
  auto wide = assess_quality("BM_Wide", samples_of({800, 850, 900, 950, 1000, 1000, 1050, 1100, 1150, 1200}));
  EXPECT_EQ(wide.grade, QualityGrade::kPoor);
  MetricSamples agg = samples_of({1000});
  agg.aggregates_only = true;
  EXPECT_EQ(assess_quality("BM_Agg", agg).grade, QualityGrade::kNone);
}

TEST(GateChecksTest, MinQualityFailsTheGateAndEveryOutputSaysWhich) {
  auto f = file_named("run.json");
  add_runs(f, "BM_Steady", noisy(12, 1000, 0.002, 1));
  add_runs(f, "BM_Few", {1000, 1001, 1002, 1003, 1004});
  GateConfig c;
  auto reported = run_single_gate(f, c);  // no minimum: reported, never judged
  ASSERT_EQ(reported.quality.size(), 2u);
  EXPECT_TRUE(reported.passed);
  c.min_quality = QualityGrade::kFair;
  auto r = run_single_gate(f, c);
  EXPECT_FALSE(r.passed);
  EXPECT_EQ(r.summary.quality_failures, 1);
  const std::string console = gate_console_table(r, false);
  EXPECT_NE(console.find("quality below minimum: BM_Few poor: 5 repetitions"), std::string::npos) << console;
  EXPECT_NE(console.find("sample quality: 1 good, 0 fair, 1 poor, 0 none"), std::string::npos) << console;
  EXPECT_NE(gate_markdown(r).find("| BM\\_Few | poor | 5 |"), std::string::npos) << gate_markdown(r);
  auto doc = nlohmann::json::parse(records::gate_result_json(r));
  EXPECT_EQ(doc["summary"]["quality_failures"], 1);
  ASSERT_EQ(doc["quality"].size(), 2u);
  EXPECT_EQ(doc["quality"][0]["name"], "BM_Few");
  EXPECT_EQ(doc["quality"][0]["grade"], "poor");
  EXPECT_TRUE(doc["quality"][0]["median_low"].is_null());
  EXPECT_EQ(doc["quality"][0]["below_minimum"], true);
  EXPECT_EQ(doc["quality"][1]["grade"], "good");
}

}  // namespace
}  // namespace gauntlet::ci
