// Ratio rules judged within one run: paired intervals, verdicts, the
// correction over several rules, minimum rules and pairing by round.
#include "gauntlet/ci/gate.h"

#include "gate_test_files.h"

#include <gtest/gtest.h>

namespace gauntlet::ci {
namespace {

using testing::add_rounds;
using testing::add_runs;
using testing::file_named;
using testing::noisy;
using testing::pair;
using testing::ratio_config;

TEST(GateChecksTest, RatioWithinRegressedAndInconclusive) {
  auto within = check_ratios(pair(1.002, 0.002, 12, 1), ratio_config(1.01));
  ASSERT_EQ(within.size(), 1u);
  EXPECT_EQ(within[0].verdict, "within") << within[0].reason;
  EXPECT_EQ(within[0].pairing, "repetition");
  EXPECT_EQ(within[0].pairs, 12u);
  EXPECT_LE(within[0].ci_high, 1.01);
  EXPECT_NEAR(within[0].margin, (1.01 - within[0].ratio) / 1.01, 1e-12);

  auto regressed = check_ratios(pair(1.05, 0.002, 12, 2), ratio_config(1.01));
  EXPECT_EQ(regressed[0].verdict, "regressed") << regressed[0].reason;
  EXPECT_GT(regressed[0].ci_low, 1.01);
  EXPECT_LT(regressed[0].margin, 0);
  EXPECT_LT(regressed[0].p_value, 0.05);

  auto crossing = check_ratios(pair(1.01, 0.08, 12, 3), ratio_config(1.01));
  EXPECT_EQ(crossing[0].verdict, "inconclusive") << crossing[0].reason;
  EXPECT_LT(crossing[0].ci_low, 1.01);
  EXPECT_GT(crossing[0].ci_high, 1.01);

  auto few = check_ratios(pair(1.5, 0.002, 5, 4), ratio_config(1.01));  // 5 pairs: no 95% interval
  EXPECT_EQ(few[0].verdict, "inconclusive");
  EXPECT_NE(few[0].reason.find("too few pairs (5)"), std::string::npos) << few[0].reason;
}

// Three rules: each interval covers 1 - 0.05 / 3, wider than one rule's, and
// the reason says so.
TEST(GateChecksTest, RatioIntervalsWidenWithTheNumberOfRules) {
  const BenchmarkFile f = pair(1.02, 0.01, 12, 5);
  const auto one = check_ratios(f, ratio_config(1.01));
  GateConfig three = ratio_config(1.01);
  three.ratios.push_back(three.ratios[0]);
  three.ratios.push_back(three.ratios[0]);
  const auto each = check_ratios(f, three);
  ASSERT_EQ(each.size(), 3u);
  EXPECT_EQ(each[0].ratio, one[0].ratio);  // the estimate does not change
  EXPECT_LT(each[0].ci_low, one[0].ci_low);
  EXPECT_GT(each[0].ci_high, one[0].ci_high);
  EXPECT_EQ(one[0].reason.find("interval for"), std::string::npos) << one[0].reason;
  EXPECT_NE(each[0].reason.find("(12, 98.33% interval for 3 rules)"), std::string::npos) << each[0].reason;
  // Code exactly at the limit, three rules per run, 200 runs: judged together
  // a family reads regressed in at most 5% of runs; each rule judged alone at
  // 95% (no correction) fails more families.
  int families_failed = 0, uncorrected_failed = 0;
  constexpr int kRuns = 200;
  for (std::uint64_t seed = 0; seed < kRuns; ++seed) {
    BenchmarkFile g = file_named("run.json");
    GateConfig c;
    for (std::uint64_t k = 0; k < 3; ++k) {
      const std::string x = "BM_" + std::to_string(k);
      add_runs(g, x + "/plain", noisy(12, 1000, 0.01, 1000 * (2 * k + 1) + seed));
      add_runs(g, x + "/instrumented", noisy(12, 1010, 0.01, 1000 * (2 * k + 2) + seed));
      c.ratios.push_back({x, x + "/instrumented", x + "/plain", 1.01, 0, ""});
    }
    bool failed = false, failed_alone = false;
    for (const auto& r : check_ratios(g, c)) failed = failed || r.verdict == "regressed";
    for (const RatioRule& rule : c.ratios) {
      GateConfig alone;
      alone.ratios = {rule};
      failed_alone = failed_alone || check_ratios(g, alone)[0].verdict == "regressed";
    }
    families_failed += failed;
    uncorrected_failed += failed_alone;
  }
  EXPECT_LE(families_failed, kRuns * 5 / 100) << families_failed << " of " << kRuns;
  EXPECT_LT(families_failed, uncorrected_failed) << families_failed << " vs " << uncorrected_failed;
}

TEST(GateChecksTest, RatioMinimumForHigherIsBetterCounters) {
  auto f = pair(1.0, 0.002, 10, 5);
  for (BenchmarkRow& row : f.rows) row.counters["items_per_second"] = 1e9 / row.real_time_ns;
  GateConfig c;
  c.ratios.push_back({"keeps pace", "BM_X/instrumented", "BM_X/plain", 0, 0.9, "items_per_second"});
  auto q = check_ratios(f, c);
  EXPECT_EQ(q[0].verdict, "within") << q[0].reason;
  EXPECT_EQ(q[0].metric, "items_per_second");
  c.ratios[0].min = 1.2;
  EXPECT_EQ(check_ratios(f, c)[0].verdict, "regressed");
}

TEST(GateChecksTest, RatioPairsRoundMediansWhenRowsCarryRounds) {
  auto f = file_named("run.json");
  std::vector<std::vector<double>> plain, inst;
  for (int r = 0; r < 8; ++r) {
    const double mood = 1.0 + 0.2 * (r % 3);  // rounds differ by up to 40%; pairing cancels it
    plain.push_back({1000 * mood, 1001 * mood});
    inst.push_back({1003 * mood, 1004 * mood});
  }
  add_rounds(f, "BM_X/plain", plain);
  add_rounds(f, "BM_X/instrumented", inst);
  auto q = check_ratios(f, ratio_config(1.01));
  EXPECT_EQ(q[0].pairing, "round");
  EXPECT_EQ(q[0].pairs, 8u);
  EXPECT_EQ(q[0].verdict, "within") << q[0].reason;
  EXPECT_NEAR(q[0].ratio, 1.003, 1e-3);
}

TEST(GateChecksTest, RatioMissingOrErroredSideFailsTheGate) {
  auto f = pair(1.0, 0.002, 10, 6);
  GateConfig c = ratio_config(1.01);
  c.ratios[0].denominator = "BM_X/absent";
  auto r = run_single_gate(f, c);
  ASSERT_EQ(r.ratios.size(), 1u);
  EXPECT_EQ(r.ratios[0].verdict, "missing");
  EXPECT_NE(r.ratios[0].reason.find("BM_X/absent is not in run.json"), std::string::npos) << r.ratios[0].reason;
  EXPECT_EQ(r.summary.ratio_regressions, 1);
  EXPECT_FALSE(r.passed);
  f.rows[0].errored = true;
  f.rows[0].message = "boom";
  auto errored = check_ratios(f, ratio_config(1.01));
  EXPECT_EQ(errored[0].verdict, "missing");
  EXPECT_NE(errored[0].reason.find("errored: boom"), std::string::npos) << errored[0].reason;
}

}  // namespace
}  // namespace gauntlet::ci
