// The gate record's writer and reader agree on every field, and the reader
// names the file and JSON pointer of what it refuses.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <cmath>
#include <limits>

#include "gauntlet/harness/testing/status_matchers.h"
#include "gauntlet/records/gate_result_json.h"

namespace gauntlet::records {
namespace {

using matchers::IsOk;
using matchers::StatusIs;
using ::testing::HasSubstr;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

GateResult every_field() {
  GateResult g;
  g.passed = false;
  g.baseline_source = "base dir/baseline.json";
  g.current_source = "current.json";
  g.metric = "cpu_time";
  g.alpha = 0.01;
  g.seed = 18446744073709551615ull;
  g.rerun = "gauntlet gate 'base dir/baseline.json' current.json --seed 7";
  g.environment = {false, {"host_name: a vs b"}};
  g.warnings = {"different machines"};
  g.advice = {"run each side in several processes"};
  g.sequential_looks = 3;
  g.summary = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
  BenchmarkComparison c;
  c.name = "BM_Parse/64";
  c.verdict = Verdict::kRegressed;
  c.baseline = {10, 2, 100.5, 1.5, false};
  c.current = {1, 1, 120.25, kNaN, true};
  c.ratio = 1.2;
  c.ci_low = 1.1;
  c.ci_high = 1.3;
  c.hodges_lehmann = 19.75;
  c.p_value = 0.001;
  c.p_adjusted = 0.004;
  c.threshold = 0.05;
  c.threshold_source = "rule:BM_Parse*";
  c.min_detectable_effect = kInf;
  c.reason = "+20.0% [+10.0%, +30.0%] beyond 5.0% threshold";
  c.method = "bootstrap by process";
  c.within_low = 1.15;
  c.within_high = 1.25;
  c.noise_sigma = 0.02;
  c.noise_source = "history";
  c.real_cpu_baseline = 1.01;
  c.real_cpu_current = kNaN;
  c.contention = 0.1;
  c.separate_verdict = "inconclusive";
  g.benchmarks = {c};
  g.budgets = {{"parse", "p99", 5000, 10, kNaN, true, 5500, kNaN, -1, 100, "not_measured"},
               {"parse", "p95", 3000, 0, 2500, false, 3000, 1.0 / 6, 1000, 0, "within", 2400, 3100},
               {"parse", "p50", 1000, 0, 900, false, 1000, 0.1, 20, 0, "within", 850, kNaN}};
  g.throughput = {{"parse", "items_per_second", 1e6, 5, 950000, 990000, 0.042, 10, 0, "within", false}};
  g.memory = {{"peak", 524288000, 126812160, 0.758125, "within", false, "highest resident set"},
              {"growth", 8388608, kNaN, kNaN, "not_measured", true, "needs `gauntlet bench run`"}};
  RatioCheck r;
  r.name = "overhead";
  r.numerator = "BM_X/instrumented";
  r.denominator = "BM_X/plain";
  r.metric = "real_time";
  r.max = 1.01;
  r.pairing = "round";
  r.pairs = 10;
  r.ratio = 1.004;
  r.ci_low = 0.998;
  r.ci_high = 1.009;
  r.p_value = 0.02;
  r.margin = 0.006;
  r.verdict = "within";
  r.reason = "within 1.01";
  g.ratios = {r};
  g.quality = {{"BM_Parse/64", 1, 1, 120.25, 0, kNaN, kNaN, kInf, QualityGrade::kPoor, true}};
  g.change_points = {{"BM_Parse/64", 4, "abc123", 100, 120}};
  return g;
}

// Equal, counting NaN as equal to NaN.
bool same(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

Result<GateResult> round_trip(const GateResult& g) {
  return read_gate_result(nlohmann::json::parse(gate_result_json(g)), "gate.json");
}

TEST(GateResultJson, EveryFieldReadsBackAsWritten) {
  const GateResult g = every_field();
  Result<GateResult> back = round_trip(g);
  ASSERT_THAT(back, IsOk());
  // Writing what was read gives the same bytes: nothing dropped or renamed.
  EXPECT_EQ(gate_result_json(*back), gate_result_json(g));
  EXPECT_EQ(back->passed, false);
  EXPECT_EQ(back->seed, g.seed);
  EXPECT_EQ(back->rerun, g.rerun);
  EXPECT_EQ(back->environment.differences, g.environment.differences);
  EXPECT_EQ(back->summary.quality_failures, 11);
  EXPECT_EQ(back->summary.added, 5);
  const BenchmarkComparison& c = back->benchmarks.at(0);
  EXPECT_EQ(c.verdict, Verdict::kRegressed);
  EXPECT_EQ(c.current.n, 1u);
  EXPECT_TRUE(c.current.aggregates_only);
  EXPECT_TRUE(std::isnan(c.current.mad_sigma));
  EXPECT_TRUE(std::isinf(c.min_detectable_effect));  // written as null, read back as "none detectable"
  EXPECT_TRUE(same(c.real_cpu_current, kNaN));
  EXPECT_EQ(c.separate_verdict, "inconclusive");
  EXPECT_EQ(back->budgets.at(0).samples, -1);  // "the source does not say"
  EXPECT_EQ(back->budgets.at(0).verdict, "not_measured");
  EXPECT_TRUE(std::isnan(back->budgets.at(0).measured_ns));
  EXPECT_TRUE(std::isnan(back->budgets.at(0).ci_low_ns));  // no interval: null, read back as NaN
  EXPECT_TRUE(std::isnan(back->budgets.at(0).ci_high_ns));
  const BudgetCheck& p95 = back->budgets.at(1);
  EXPECT_EQ(p95.quantile, "p95");
  EXPECT_EQ(p95.limit_ns, 3000);
  EXPECT_EQ(p95.measured_ns, 2500);
  EXPECT_FALSE(p95.breached);
  EXPECT_EQ(p95.allowed_ns, 3000);
  EXPECT_EQ(p95.margin, 1.0 / 6);
  EXPECT_EQ(p95.samples, 1000);
  EXPECT_EQ(p95.verdict, "within");
  EXPECT_EQ(p95.ci_low_ns, 2400);
  EXPECT_EQ(p95.ci_high_ns, 3100);
  EXPECT_EQ(back->budgets.at(2).ci_low_ns, 850);
  EXPECT_TRUE(std::isnan(back->budgets.at(2).ci_high_ns));  // unbounded above
  EXPECT_EQ(back->throughput.at(0).samples, 10);
  ASSERT_EQ(back->memory.size(), 2u);
  EXPECT_EQ(back->memory[0].kind, "peak");
  EXPECT_EQ(back->memory[0].limit_bytes, 524288000);
  EXPECT_EQ(back->memory[0].measured_bytes, 126812160);
  EXPECT_EQ(back->memory[0].margin, 0.758125);
  EXPECT_EQ(back->memory[0].verdict, "within");
  EXPECT_FALSE(back->memory[0].breached);
  EXPECT_EQ(back->memory[0].reason, "highest resident set");
  EXPECT_EQ(back->memory[1].kind, "growth");
  EXPECT_TRUE(std::isnan(back->memory[1].measured_bytes));  // null
  EXPECT_TRUE(std::isnan(back->memory[1].margin));
  EXPECT_EQ(back->memory[1].verdict, "not_measured");
  EXPECT_TRUE(back->memory[1].breached);
  EXPECT_EQ(back->ratios.at(0).min, 0);  // no lower limit: null, read back as 0
  EXPECT_EQ(back->ratios.at(0).max, 1.01);
  EXPECT_EQ(back->quality.at(0).grade, QualityGrade::kPoor);
  EXPECT_TRUE(std::isinf(back->quality.at(0).interval_halfwidth));
  EXPECT_EQ(back->change_points.at(0).revision, "abc123");
}

TEST(GateResultJson, AnEmptyResultRoundTrips) {
  GateResult g;
  g.metric = "real_time";
  Result<GateResult> back = round_trip(g);
  ASSERT_THAT(back, IsOk());
  EXPECT_EQ(gate_result_json(*back), gate_result_json(g));
  EXPECT_TRUE(back->passed);
}

TEST(GateResultJson, EveryVerdictAndGradeHasOneName) {
  for (Verdict v : {Verdict::kRegressed, Verdict::kImproved, Verdict::kUnchanged, Verdict::kInconclusive, Verdict::kNew,
                    Verdict::kMissing, Verdict::kErrored}) {
    EXPECT_EQ(verdict_named(to_string(v)), v) << to_string(v);
  }
  for (QualityGrade q : {QualityGrade::kNone, QualityGrade::kPoor, QualityGrade::kFair, QualityGrade::kGood}) {
    EXPECT_EQ(quality_grade_named(to_string(q)), q) << to_string(q);
  }
  EXPECT_EQ(verdict_named("worse"), std::nullopt);
  EXPECT_EQ(quality_grade_named("excellent"), std::nullopt);
}

nlohmann::json written() { return nlohmann::json::parse(gate_result_json(every_field())); }

TEST(GateResultJson, AnotherSchemaIsRefusedByName) {
  nlohmann::json doc = written();
  doc["schema"] = "gauntlet.gate/2";
  EXPECT_THAT(read_gate_result(doc, "ci/gate.json"),
              StatusIs(ErrorCode::kSchemaError,
                       HasSubstr("ci/gate.json: /schema: \"gauntlet.gate/2\" is not supported (expected "
                                 "\"gauntlet.gate/1\")")));
  doc.erase("schema");
  EXPECT_THAT(read_gate_result(doc, "ci/gate.json"), StatusIs(ErrorCode::kSchemaError, HasSubstr("/schema: missing")));
}

TEST(GateResultJson, MistypedFieldsAreNamedByPointer) {
  nlohmann::json doc = written();
  doc["benchmarks"][0]["verdict"] = "worse";
  EXPECT_THAT(read_gate_result(doc, "g.json"),
              StatusIs(ErrorCode::kSchemaError, HasSubstr("g.json: /benchmarks/0/verdict: unknown verdict \"worse\"")));
  doc = written();
  doc["benchmarks"][0]["current"]["median"] = "fast";
  EXPECT_THAT(
      read_gate_result(doc, "g.json"),
      StatusIs(ErrorCode::kSchemaError, HasSubstr("/benchmarks/0/current/median: expected a number, got string")));
  doc = written();
  doc["budgets"][0]["breached"] = 1;
  EXPECT_THAT(read_gate_result(doc, "g.json"),
              StatusIs(ErrorCode::kSchemaError, HasSubstr("/budgets/0/breached: expected true or false")));
  doc = written();
  doc["memory"][0]["kind"] = "rss";
  EXPECT_THAT(read_gate_result(doc, "g.json"),
              StatusIs(ErrorCode::kSchemaError, HasSubstr("/memory/0/kind: expected \"peak\" or \"growth\"")));
  doc = written();
  doc["memory"][1]["limit_bytes"] = nullptr;
  EXPECT_THAT(read_gate_result(doc, "g.json"), StatusIs(ErrorCode::kSchemaError, HasSubstr("/memory/1/limit_bytes")));
  doc = written();
  doc["memory"][0]["measured_bytes"] = "big";
  EXPECT_THAT(read_gate_result(doc, "g.json"),
              StatusIs(ErrorCode::kSchemaError, HasSubstr("/memory/0/measured_bytes: expected a number")));
  doc = written();
  doc.erase("memory");  // a record from before memory budgets
  Result<GateResult> older = read_gate_result(doc, "g.json");
  ASSERT_THAT(older, IsOk());
  EXPECT_TRUE(older->memory.empty());
  doc = written();
  doc["quality"][0]["grade"] = "excellent";
  EXPECT_THAT(read_gate_result(doc, "g.json"),
              StatusIs(ErrorCode::kSchemaError, HasSubstr("/quality/0/grade: unknown grade \"excellent\"")));
  doc = written();
  doc["change_points"][0]["index"] = 1.5;
  EXPECT_THAT(read_gate_result(doc, "g.json"),
              StatusIs(ErrorCode::kSchemaError, HasSubstr("/change_points/0/index: expected a whole number")));
  doc = written();
  doc["warnings"] = {"fine", 3};
  EXPECT_THAT(read_gate_result(doc, "g.json"),
              StatusIs(ErrorCode::kSchemaError, HasSubstr("/warnings/1: expected a string, got number")));
  doc = written();
  doc["verdict"] = "maybe";
  EXPECT_THAT(read_gate_result(doc, "g.json"),
              StatusIs(ErrorCode::kSchemaError, HasSubstr("/verdict: expected \"pass\" or \"fail\"")));
}

TEST(GateResultJson, AnIntervalUpsideDownIsRefused) {
  nlohmann::json doc = written();
  doc["benchmarks"][0]["ci_low"] = 2.0;
  EXPECT_THAT(read_gate_result(doc, "g.json"),
              StatusIs(ErrorCode::kSchemaError, HasSubstr("/benchmarks/0/ci_low: is above ci_high")));
  doc = written();
  doc["budgets"][1]["ci_low_ns"] = 5000;
  EXPECT_THAT(read_gate_result(doc, "g.json"),
              StatusIs(ErrorCode::kSchemaError, HasSubstr("/budgets/1/ci_low_ns: is above ci_high_ns")));
}

TEST(GateResultJson, ABudgetWithoutAnIntervalReadsAsUnbounded) {
  nlohmann::json doc = written();
  doc["budgets"][1].erase("ci_low_ns");  // a record from before budget intervals
  doc["budgets"][1].erase("ci_high_ns");
  Result<GateResult> older = read_gate_result(doc, "g.json");
  ASSERT_THAT(older, IsOk());
  EXPECT_TRUE(std::isnan(older->budgets.at(1).ci_low_ns));
  EXPECT_TRUE(std::isnan(older->budgets.at(1).ci_high_ns));
}

}  // namespace
}  // namespace gauntlet::records
