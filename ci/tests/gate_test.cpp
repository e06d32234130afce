#include "gauntlet/ci/gate.h"

#include "gate_test_files.h"

#include <gtest/gtest.h>

#include "gauntlet/harness/testing/status_matchers.h"

#include <cmath>

namespace gauntlet::ci {
using records::BenchmarkComparison;
using records::EnvironmentCheck;
using records::GateResult;
using records::Verdict;

namespace {

using testing::add_rounds;
using testing::add_runs;
using testing::file_named;
using testing::noisy;

const BenchmarkComparison& row(const GateResult& r, const std::string& name) {
  for (const auto& c : r.benchmarks)
    if (c.name == name) return c;
  throw std::runtime_error("no row " + name);
}

TEST(GateTest, ClearSlowdownRegressesAndFails) {
  auto base = file_named("b.json"), cur = file_named("c.json");
  add_runs(base, "BM_A", noisy(20, 1000, 0.02, 1));
  add_runs(cur, "BM_A", noisy(20, 1400, 0.02, 2));
  auto r = run_gate(base, cur, GateConfig{});
  ASSERT_TRUE(r.ok()) << r.error().message();
  const auto& a = row(*r, "BM_A");
  EXPECT_EQ(a.verdict, Verdict::kRegressed) << a.reason;
  EXPECT_GT(a.ci_low, 1.05);
  EXPECT_LT(a.p_adjusted, 0.05);
  EXPECT_NEAR(a.hodges_lehmann, 400, 30);
  EXPECT_FALSE(r->passed);
  EXPECT_EQ(r->summary.regressed, 1);
}

TEST(GateTest, ClearSpeedupImprovesAndPasses) {
  auto base = file_named("b.json"), cur = file_named("c.json");
  add_runs(base, "BM_A", noisy(20, 1000, 0.02, 1));
  add_runs(cur, "BM_A", noisy(20, 800, 0.02, 2));
  auto r = run_gate(base, cur, GateConfig{});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(row(*r, "BM_A").verdict, Verdict::kImproved);
  EXPECT_TRUE(r->passed);
}

// The noise priors off: what the repetitions alone say.
GateConfig without_priors() {
  GateConfig c;
  c.process_noise = 0;
  c.run_noise = 0;
  return c;
}

TEST(GateTest, SameDistributionIsUnchangedOnlyWhenTheNoiseIsKnown) {
  auto base = file_named("b.json"), cur = file_named("c.json");
  add_runs(base, "BM_A", noisy(20, 1000, 0.02, 1));
  add_runs(cur, "BM_A", noisy(20, 1000, 0.02, 2));
  auto r = run_gate(base, cur, without_priors());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(row(*r, "BM_A").verdict, Verdict::kUnchanged) << row(*r, "BM_A").reason;
  EXPECT_TRUE(r->passed);
  EXPECT_TRUE(r->advice.empty());
  // One process per side: the next process may differ by the prior, so the
  // widened interval is wider than +-5% and "unchanged" cannot be shown.
  auto single = run_gate(base, cur, GateConfig{});
  ASSERT_TRUE(single.ok());
  const auto& a = row(*single, "BM_A");
  EXPECT_EQ(a.verdict, Verdict::kInconclusive) << a.reason;
  EXPECT_EQ(a.noise_source, "prior");
  EXPECT_NEAR(a.noise_sigma, std::sqrt(2 * 0.03 * 0.03 + 2 * 0.02 * 0.02), 1e-12);
  EXPECT_LT(a.ci_low, a.within_low);
  EXPECT_GT(a.ci_high, a.within_high);
  EXPECT_NE(a.reason.find("run-to-run noise 5.1% (prior)"), std::string::npos) << a.reason;
  ASSERT_FALSE(single->advice.empty());
  EXPECT_NE(single->advice[0].find("single process"), std::string::npos);
  EXPECT_NE(single->advice.back().find("--confirm-with"), std::string::npos);
  EXPECT_TRUE(single->passed);
}

TEST(GateTest, SignificantButWithinThresholdIsNotARegression) {
  // +3% with tiny noise: significant, yet the whole interval is inside 5%.
  auto base = file_named("b.json"), cur = file_named("c.json");
  add_runs(base, "BM_A", noisy(20, 1000, 0.004, 1));
  add_runs(cur, "BM_A", noisy(20, 1030, 0.004, 2));
  auto r = run_gate(base, cur, without_priors());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(row(*r, "BM_A").verdict, Verdict::kUnchanged) << row(*r, "BM_A").reason;
}

TEST(GateTest, OneProcessPerSideIsOneSample) {
  // Identical code, two processes 12% apart (a layout effect), ten tight
  // repetitions each: repetitions alone say "+12%, certainly"; one process
  // per side is one sample, so the default priors keep it from regressing
  // while a real +30% still does.
  auto base = file_named("b.json"), cur = file_named("c.json"), slow = file_named("s.json");
  add_runs(base, "BM_A", noisy(10, 1000, 0.004, 1));
  add_runs(cur, "BM_A", noisy(10, 1120, 0.004, 2));
  add_runs(slow, "BM_A", noisy(10, 1300, 0.004, 3));
  auto bare = run_gate(base, cur, without_priors());
  ASSERT_TRUE(bare.ok());
  EXPECT_EQ(row(*bare, "BM_A").verdict, Verdict::kRegressed);
  auto r = run_gate(base, cur, GateConfig{});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(row(*r, "BM_A").verdict, Verdict::kInconclusive) << row(*r, "BM_A").reason;
  auto real = run_gate(base, slow, GateConfig{});
  ASSERT_TRUE(real.ok());
  EXPECT_EQ(row(*real, "BM_A").verdict, Verdict::kRegressed) << row(*real, "BM_A").reason;
}

TEST(GateTest, OneInterleavedRunUsesTheInterleavedThreshold) {
  // The +3% that stays inside the 5% default regresses when both sides come
  // from one interleaved run (1% threshold); a rule still wins over it.
  auto base = file_named("b.json"), cur = file_named("c.json");
  add_runs(base, "BM_A", noisy(20, 1000, 0.004, 1));
  add_runs(cur, "BM_A", noisy(20, 1030, 0.004, 2));
  add_runs(base, "BM_Ruled", noisy(20, 1000, 0.004, 3));
  add_runs(cur, "BM_Ruled", noisy(20, 1030, 0.004, 4));
  base.context.extra[std::string(kInterleavedPairKey)] = "run-1";
  cur.context.extra[std::string(kInterleavedPairKey)] = "run-1";
  GateConfig config = without_priors();
  config.thresholds = {{"BM_Ruled", 0.05}};
  NoiseModel noise;
  noise.between_run_sigma["BM_A"] = 0.1;  // between-run noise: not for one run
  auto r = run_gate(base, cur, config, noise);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(row(*r, "BM_A").threshold_source, "interleaved");
  EXPECT_DOUBLE_EQ(row(*r, "BM_A").threshold, 0.01);
  EXPECT_EQ(row(*r, "BM_A").verdict, Verdict::kRegressed) << row(*r, "BM_A").reason;
  EXPECT_EQ(row(*r, "BM_A").noise_source, "none");
  EXPECT_EQ(row(*r, "BM_Ruled").threshold_source, "rule:BM_Ruled");
  EXPECT_EQ(row(*r, "BM_Ruled").verdict, Verdict::kUnchanged);

  // Different runs (or one side unmarked) keep the default threshold.
  cur.context.extra[std::string(kInterleavedPairKey)] = "run-2";
  auto apart = run_gate(base, cur, without_priors());
  ASSERT_TRUE(apart.ok());
  EXPECT_EQ(row(*apart, "BM_A").threshold_source, "config");
  EXPECT_EQ(row(*apart, "BM_A").verdict, Verdict::kUnchanged);
  cur.context.extra.erase(std::string(kInterleavedPairKey));
  EXPECT_FALSE(same_interleaved_run(base.context, cur.context));
}

TEST(GateTest, RepetitionsFromSeveralProcessesAreJudgedByProcess) {
  // An interleaved A/A run, 4 processes per side, 5 repetitions each: the
  // processes differ by a layout effect (1000 or 1030), and by chance the
  // candidate drew more slow ones. Repetitions as independent samples would
  // call that a +3% regression; by process it is not one.
  auto base = file_named("b.json"), cur = file_named("c.json");
  add_rounds(base, "BM_A",
             {noisy(5, 1000, 0.004, 1), noisy(5, 1000, 0.004, 2), noisy(5, 1000, 0.004, 3), noisy(5, 1030, 0.004, 4)});
  add_rounds(cur, "BM_A",
             {noisy(5, 1030, 0.004, 5), noisy(5, 1030, 0.004, 6), noisy(5, 1000, 0.004, 7), noisy(5, 1030, 0.004, 8)});
  base.context.extra[std::string(kInterleavedPairKey)] = "run-1";
  cur.context.extra[std::string(kInterleavedPairKey)] = "run-1";
  auto r = run_gate(base, cur, GateConfig{});
  ASSERT_TRUE(r.ok());
  const auto& a = row(*r, "BM_A");
  EXPECT_EQ(a.baseline.rounds, 4u);
  EXPECT_EQ(a.current.rounds, 4u);
  EXPECT_LE(a.ci_low, 1.0);
  EXPECT_EQ(a.verdict, Verdict::kInconclusive) << a.reason;
  EXPECT_NE(a.reason.find("by process (4 vs 4)"), std::string::npos) << a.reason;

  // The same values untagged (one process each), with the process prior
  // off, read as a regression.
  for (auto* f : {&base, &cur})
    for (auto& rr : f->rows) rr.round = -1;
  auto flat = run_gate(base, cur, without_priors());
  ASSERT_TRUE(flat.ok());
  EXPECT_EQ(row(*flat, "BM_A").verdict, Verdict::kRegressed) << row(*flat, "BM_A").reason;

  // A slowdown every candidate process shows stays a regression by process.
  auto slow = file_named("s.json");
  slow.context.extra[std::string(kInterleavedPairKey)] = "run-1";
  add_rounds(
      slow, "BM_A",
      {noisy(5, 1100, 0.004, 9), noisy(5, 1130, 0.004, 10), noisy(5, 1100, 0.004, 11), noisy(5, 1100, 0.004, 12)});
  for (std::size_t i = 0; i < base.rows.size(); ++i) base.rows[i].round = static_cast<std::int64_t>(i / 5);
  auto real = run_gate(base, slow, GateConfig{});
  ASSERT_TRUE(real.ok());
  EXPECT_EQ(row(*real, "BM_A").verdict, Verdict::kRegressed) << row(*real, "BM_A").reason;
}

TEST(GateTest, NoisyDataIsInconclusiveWithMinimumDetectableEffect) {
  auto base = file_named("b.json"), cur = file_named("c.json");
  add_runs(base, "BM_A", noisy(6, 1000, 0.6, 1));
  add_runs(cur, "BM_A", noisy(6, 1080, 0.6, 2));
  auto r = run_gate(base, cur, GateConfig{});
  ASSERT_TRUE(r.ok());
  const auto& a = row(*r, "BM_A");
  EXPECT_EQ(a.verdict, Verdict::kInconclusive) << a.reason;
  EXPECT_GT(a.min_detectable_effect, 0.05);
  EXPECT_TRUE(std::isfinite(a.min_detectable_effect));
  EXPECT_NE(a.reason.find("smallest detectable change"), std::string::npos);
}

TEST(GateTest, TooFewRepetitionsIsInconclusiveAndPolicyCanFail) {
  auto base = file_named("b.json"), cur = file_named("c.json");
  add_runs(base, "BM_A", {1000, 1001});
  add_runs(cur, "BM_A", {2000, 2001});
  GateConfig config;
  auto r = run_gate(base, cur, config);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(row(*r, "BM_A").verdict, Verdict::kInconclusive);
  EXPECT_TRUE(std::isinf(row(*r, "BM_A").min_detectable_effect));
  EXPECT_TRUE(r->passed);
  config.inconclusive = InconclusivePolicy::kFail;
  auto strict = run_gate(base, cur, config);
  ASSERT_TRUE(strict.ok());
  EXPECT_FALSE(strict->passed);
}

TEST(GateTest, NewMissingErroredAndIgnored) {
  auto base = file_named("b.json"), cur = file_named("c.json");
  add_runs(base, "BM_Gone", noisy(5, 10, 0.01, 1));
  add_runs(cur, "BM_Fresh", noisy(5, 10, 0.01, 1));
  add_runs(base, "BM_Err", noisy(5, 10, 0.01, 1));
  add_runs(cur, "BM_Err", noisy(1, 10, 0.01, 1));
  cur.rows.back().errored = true;
  cur.rows.back().message = "boom";
  add_runs(base, "BM_Skip", noisy(5, 10, 0.01, 1));
  add_runs(cur, "BM_Skip", noisy(5, 99, 0.01, 1));
  GateConfig config;
  config.ignore = {"BM_Sk*"};
  auto r = run_gate(base, cur, config);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(row(*r, "BM_Gone").verdict, Verdict::kMissing);
  EXPECT_EQ(row(*r, "BM_Fresh").verdict, Verdict::kNew);
  EXPECT_EQ(row(*r, "BM_Err").verdict, Verdict::kErrored);
  EXPECT_NE(row(*r, "BM_Err").reason.find("boom"), std::string::npos);
  EXPECT_THROW(row(*r, "BM_Skip"), std::runtime_error);
  EXPECT_FALSE(r->passed);  // an errored benchmark fails the gate
  EXPECT_EQ(r->benchmarks.front().verdict, Verdict::kErrored);
}

TEST(GateTest, HistoryNoiseWidensTheIntervalNeverTheThreshold) {
  auto base = file_named("b.json"), cur = file_named("c.json");
  add_runs(base, "BM_Net/1", noisy(20, 1000, 0.02, 1));
  add_runs(cur, "BM_Net/1", noisy(20, 1150, 0.02, 2));
  add_runs(base, "BM_Cpu", noisy(20, 1000, 0.02, 3));
  add_runs(cur, "BM_Cpu", noisy(20, 1150, 0.02, 4));
  add_runs(base, "BM_Quiet", noisy(20, 1000, 0.02, 5));
  add_runs(cur, "BM_Quiet", noisy(20, 1220, 0.02, 6));
  GateConfig config;
  config.thresholds = {{"BM_Net/*", 0.25}};
  NoiseModel noise;
  noise.between_run_sigma["BM_Cpu"] = 0.1;     // a noisy benchmark: +15% cannot be told
  noise.between_run_sigma["BM_Quiet"] = 0.01;  // a quiet one: +22% can
  auto r = run_gate(base, cur, config, noise);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(row(*r, "BM_Net/1").threshold_source, "rule:BM_Net/*");
  EXPECT_NE(row(*r, "BM_Net/1").verdict, Verdict::kRegressed);
  const auto& cpu = row(*r, "BM_Cpu");
  EXPECT_EQ(cpu.threshold_source, "config");
  EXPECT_DOUBLE_EQ(cpu.threshold, 0.05);
  EXPECT_EQ(cpu.noise_source, "history");
  EXPECT_NEAR(cpu.noise_sigma, std::sqrt(2.0) * 0.1, 1e-12);
  // Not "unchanged within a 170% threshold": inconclusive, as it should be.
  EXPECT_EQ(cpu.verdict, Verdict::kInconclusive) << cpu.reason;
  EXPECT_LT(cpu.ci_low, 1.0);
  EXPECT_EQ(row(*r, "BM_Quiet").verdict, Verdict::kRegressed) << row(*r, "BM_Quiet").reason;
  // History stands in for the priors: no advice about single processes.
  EXPECT_NE(row(*r, "BM_Net/1").noise_source, "history");
  EXPECT_FALSE(r->passed);
}

TEST(GateTest, BenjaminiHochbergAdjustsAcrossTheSuite) {
  auto base = file_named("b.json"), cur = file_named("c.json");
  for (int i = 0; i < 5; ++i) {
    const std::string name = "BM_" + std::to_string(i);
    add_runs(base, name, noisy(10, 1000, 0.1, 10 + i));
    add_runs(cur, name, noisy(10, 1000, 0.1, 20 + i));
  }
  auto r = run_gate(base, cur, GateConfig{});
  ASSERT_TRUE(r.ok());
  for (const auto& c : r->benchmarks) EXPECT_GE(c.p_adjusted, c.p_value) << c.name;
}

TEST(GateTest, CounterMetricHigherIsBetter) {
  auto base = file_named("b.json"), cur = file_named("c.json");
  add_runs(base, "BM_T", noisy(20, 1, 0.01, 1));
  add_runs(cur, "BM_T", noisy(20, 1, 0.01, 2));
  auto bt = noisy(20, 1000, 0.02, 3), ct = noisy(20, 700, 0.02, 4);
  for (std::size_t i = 0; i < 20; ++i) {
    base.rows[i].counters["items_per_second"] = bt[i];
    cur.rows[i].counters["items_per_second"] = ct[i];
  }
  GateConfig config;
  config.metric = "items_per_second";
  config.higher_is_better = true;
  auto r = run_gate(base, cur, config);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(row(*r, "BM_T").verdict, Verdict::kRegressed);
  config.metric = "no_such_counter";
  auto missing = run_gate(base, cur, config);
  ASSERT_THAT(missing, matchers::StatusIs(ErrorCode::kNotFound));
}

TEST(GateTest, AggregatesOnlyComparedWithWarning) {
  auto base = file_named("b.json"), cur = file_named("c.json");
  BenchmarkRow med;
  med.name = "BM_A_median";
  med.run_name = "BM_A";
  med.run_type = RunType::kAggregate;
  med.aggregate_name = "median";
  med.real_time_ns = 1000;
  base.rows.push_back(med);
  med.real_time_ns = 1500;
  cur.rows.push_back(med);
  auto r = run_gate(base, cur, GateConfig{});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(row(*r, "BM_A").verdict, Verdict::kRegressed);
  EXPECT_TRUE(row(*r, "BM_A").current.aggregates_only);
  ASSERT_FALSE(r->warnings.empty());
  EXPECT_NE(r->warnings[0].find("weaker"), std::string::npos);
}

TEST(GateTest, EnvironmentFingerprintWarnsOrRefuses) {
  auto base = file_named("b.json", "host-a"), cur = file_named("c.json", "host-b");
  cur.context.mhz_per_cpu = 3600;
  add_runs(base, "BM_A", noisy(10, 1000, 0.02, 1));
  add_runs(cur, "BM_A", noisy(10, 1000, 0.02, 2));
  auto r = run_gate(base, cur, GateConfig{});
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->environment.same_machine);
  ASSERT_EQ(r->environment.differences.size(), 2u);
  EXPECT_EQ(r->environment.differences[0], "host_name: host-a vs host-b");
  GateConfig strict;
  strict.environment = EnvironmentPolicy::kRefuse;
  auto refused = run_gate(base, cur, strict);
  ASSERT_THAT(refused, matchers::StatusIs(ErrorCode::kFailedPrecondition));
}

TEST(GateTest, BuildTypeInTheContextIsPartOfTheEnvironment) {
  auto base = file_named("b.json", "host-a"), cur = file_named("c.json", "host-a");
  base.context.extra["build_type"] = "Release";
  cur.context.extra["build_type"] = "Debug";
  const EnvironmentCheck check = compare_environments(base.context, cur.context);
  EXPECT_FALSE(check.same_machine);
  ASSERT_EQ(check.differences.size(), 1u);
  EXPECT_EQ(check.differences[0], "build_type: Release vs Debug");
  cur.context.extra["build_type"] = "Release";
  EXPECT_TRUE(compare_environments(base.context, cur.context).same_machine);
}

TEST(GateTest, AdvisoryEnvironmentReportsRegressionsWithoutFailing) {
  auto base = file_named("b.json", "host-a"), cur = file_named("c.json", "host-b");
  add_runs(base, "BM_A", noisy(20, 1000, 0.02, 1));
  add_runs(cur, "BM_A", noisy(20, 1300, 0.02, 2));
  GateConfig advisory;
  advisory.environment = EnvironmentPolicy::kAdvisory;
  auto r = run_gate(base, cur, advisory);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(row(*r, "BM_A").verdict, Verdict::kRegressed);
  EXPECT_EQ(r->summary.regressed, 1);
  EXPECT_TRUE(r->passed);
  ASSERT_EQ(r->warnings.size(), 2u);
  EXPECT_NE(r->warnings[1].find("1 regression(s) are advisory"), std::string::npos) << r->warnings[1];
  // On the same machine the policy changes nothing: the regression fails.
  auto same = file_named("c.json", "host-a");
  add_runs(same, "BM_A", noisy(20, 1300, 0.02, 2));
  auto strict = run_gate(base, same, advisory);
  ASSERT_TRUE(strict.ok());
  EXPECT_FALSE(strict->passed);
}

TEST(GateTest, BudgetBreachNamesOperationQuantileLimitAndValue) {
  auto base = file_named("b.json"), cur = file_named("c.json");
  add_runs(cur, "embedding", {1000, 1000, 1000});
  const double p95[] = {40e6, 56e6, 45e6};  // worst 56 ms > 50 ms * 1.10
  for (int i = 0; i < 3; ++i) {
    cur.rows[static_cast<std::size_t>(i)].counters["p95_ns"] = p95[i];
    cur.rows[static_cast<std::size_t>(i)].counters["p99_ns"] = 70e6;
  }
  add_runs(base, "embedding", {1000, 1000, 1000});
  GateConfig config;
  config.budgets = {{"embedding", 0, 50e6, 80e6, 10}, {"sanitization", 0, 2e6, 0, 10}};
  auto r = run_gate(base, cur, config);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->budgets.size(), 3u);
  EXPECT_EQ(r->budgets[0].quantile, "p95");
  EXPECT_TRUE(r->budgets[0].breached);
  EXPECT_DOUBLE_EQ(r->budgets[0].measured_ns, 56e6);
  EXPECT_FALSE(r->budgets[1].breached);  // p99 70 ms <= 88 ms
  EXPECT_TRUE(r->budgets[2].breached);   // sanitization has no counters at all
  EXPECT_TRUE(std::isnan(r->budgets[2].measured_ns));
  EXPECT_FALSE(r->passed);
  EXPECT_EQ(r->summary.budget_breaches, 2);
}

}  // namespace
}  // namespace gauntlet::ci
