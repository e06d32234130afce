#include "gauntlet/ci/gate.h"
#include "gauntlet/ci/gate_reporters.h"
#include "gauntlet/records/gate_result_json.h"

#include "gate_test_files.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace gauntlet::ci {
using records::BenchmarkComparison;
using records::GateResult;

namespace {

using testing::add_runs;
using testing::file_named;
using testing::noisy;

GateResult sample_result(int unchanged_count = 3) {
  auto base = file_named("b.json"), cur = file_named("c.json");
  add_runs(base, "BM_Slow", noisy(20, 1000, 0.02, 1));
  add_runs(cur, "BM_Slow", noisy(20, 1300, 0.02, 2));
  for (int i = 0; i < unchanged_count; ++i) {
    const std::string name = "BM_Same_" + std::to_string(i);
    add_runs(base, name, noisy(10, 500, 0.01, 3 + 2 * static_cast<unsigned>(i)));
    add_runs(cur, name, noisy(10, 500, 0.01, 4 + 2 * static_cast<unsigned>(i)));
  }
  add_runs(cur, "BM_New", {1, 2, 3});
  auto r = run_gate(base, cur, GateConfig{});
  r->rerun = "gauntlet gate --baseline b.json --current c.json --seed 1";
  return std::move(r).value();
}

TEST(GateReportersTest, JsonIsVersionedAndNullsNonFinite) {
  auto doc = nlohmann::json::parse(records::gate_result_json(sample_result()));
  EXPECT_EQ(doc["schema"], "gauntlet.gate/1");
  EXPECT_EQ(doc["verdict"], "fail");
  EXPECT_EQ(doc["summary"]["regressed"], 1);
  EXPECT_EQ(doc["summary"]["new"], 1);
  EXPECT_EQ(doc["benchmarks"][0]["name"], "BM_Slow");
  EXPECT_EQ(doc["benchmarks"][0]["verdict"], "regressed");
  EXPECT_GT(doc["benchmarks"][0]["ci_low"].get<double>(), 1.05);
  bool saw_null = false;
  for (const auto& b : doc["benchmarks"])
    if (b["verdict"] == "new") saw_null = b["ratio"].is_null() && b["p_value"].is_null();
  EXPECT_TRUE(saw_null);
  EXPECT_TRUE(doc["budgets"].is_array());
  EXPECT_TRUE(doc["change_points"].is_array());
  // Additive fields of gauntlet.gate/1: how the interval was formed and widened.
  const auto& slow = doc["benchmarks"][0];
  EXPECT_EQ(slow["method"], "bootstrap");
  EXPECT_EQ(slow["noise_source"], "prior");
  EXPECT_GT(slow["noise_sigma"].get<double>(), 0.0);
  EXPECT_LT(slow["ci_low"].get<double>(), slow["within_low"].get<double>());
  EXPECT_DOUBLE_EQ(slow["real_cpu"]["baseline"].get<double>(), 1.0);
  EXPECT_EQ(slow["contention"], 0.0);
  EXPECT_FALSE(slow.contains("separate_verdict"));
  EXPECT_EQ(doc["sequential_looks"], 1);
  ASSERT_TRUE(doc["advice"].is_array());
  EXPECT_FALSE(doc["advice"].empty());
}

TEST(GateReportersTest, AdviceIsInEveryOutput) {
  const GateResult r = sample_result();
  ASSERT_FALSE(r.advice.empty());
  EXPECT_NE(gate_console_table(r, false).find("note: a side is a single process"), std::string::npos);
  EXPECT_NE(gate_markdown(r).find("> note: a side is a single process"), std::string::npos);
}

TEST(GateReportersTest, ConsoleColourOnlyWhenAsked) {
  const GateResult r = sample_result();
  const std::string plain = gate_console_table(r, false);
  const std::string colour = gate_console_table(r, true);
  EXPECT_EQ(plain.find('\x1b'), std::string::npos);
  EXPECT_NE(colour.find("\x1b[31m"), std::string::npos);
  EXPECT_NE(plain.find("FAIL: 1 regressed"), std::string::npos);
  EXPECT_NE(plain.find("re-run: gauntlet gate"), std::string::npos);
}

TEST(GateReportersTest, MarkdownVerdictFirstRegressionsOutsideDetails) {
  const std::string md = gate_markdown(sample_result());
  EXPECT_EQ(md.rfind("**❌** FAIL:", 0), 0u) << md.substr(0, 80);
  const auto regression = md.find("BM\\_Slow");
  const auto details = md.find("<details>");
  ASSERT_NE(regression, std::string::npos);
  ASSERT_NE(details, std::string::npos);
  EXPECT_LT(regression, details);
  EXPECT_GT(md.find("BM\\_Same\\_0"), details);
}

TEST(GateReportersTest, MarkdownStaysUnder64KiB) {
  GateResult big = sample_result(1);
  const BenchmarkComparison same = big.benchmarks.back();
  for (int i = 0; i < 2000; ++i) {
    big.benchmarks.push_back(same);
    big.benchmarks.back().name = "BM_Same_copy_" + std::to_string(i);
  }
  const std::string md = gate_markdown(big);
  EXPECT_LT(md.size(), 64u * 1024u);
  EXPECT_NE(md.find("more row(s) left out"), std::string::npos);
  EXPECT_NE(md.find("BM\\_Slow"), std::string::npos);
  EXPECT_NE(md.find("</details>"), std::string::npos);
}

TEST(GateReportersTest, GithubActionBenchmarkAndBencherShapes) {
  const GateResult r = sample_result();
  auto gab = nlohmann::json::parse(github_action_benchmark_json(r));
  ASSERT_TRUE(gab.is_array());
  ASSERT_FALSE(gab.empty());
  for (const auto& e : gab) {
    EXPECT_TRUE(e["name"].is_string());
    EXPECT_EQ(e["unit"], "ns");
    EXPECT_TRUE(e["value"].is_number());
  }
  auto bmf = nlohmann::json::parse(bencher_bmf_json(r));
  ASSERT_TRUE(bmf.contains("BM_Slow"));
  const auto& m = bmf["BM_Slow"]["latency"];
  EXPECT_TRUE(m["value"].is_number());
  EXPECT_LE(m["lower_value"].get<double>(), m["value"].get<double>());
  EXPECT_GE(m["upper_value"].get<double>(), m["value"].get<double>());
}

}  // namespace
}  // namespace gauntlet::ci
