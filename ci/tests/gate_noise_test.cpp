// The gate's noise handling: paired interleaved rounds, sequential looks,
// contention seen in real vs cpu time, environment evidence.
#include "gauntlet/ci/gate.h"

#include "gate_test_files.h"

#include <gtest/gtest.h>

#include "gauntlet/harness/testing/status_matchers.h"

#include <cmath>

namespace gauntlet::ci {
using records::BenchmarkComparison;
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

// `rounds` processes of one repetition each; round k's speed drifts by
// `drift[k % 4]` on both sides (the machine's mood), the candidate `shift`
// slower, with `spread` of independent noise.
void interleaved_pair(BenchmarkFile& a, BenchmarkFile& b, const std::string& name, int rounds, double shift,
                      double spread) {
  const double drift[] = {1.0, 1.08, 0.95, 1.12};
  std::vector<std::vector<double>> ra, rb;
  for (int k = 0; k < rounds; ++k) {
    const double mood = 1000 * drift[k % 4];
    ra.push_back(noisy(1, mood, spread, 100 + static_cast<std::uint64_t>(k)));
    rb.push_back(noisy(1, mood * (1 + shift), spread, 500 + static_cast<std::uint64_t>(k)));
  }
  add_rounds(a, name, ra);
  add_rounds(b, name, rb);
  a.context.extra[std::string(kInterleavedPairKey)] = "pair";
  b.context.extra[std::string(kInterleavedPairKey)] = "pair";
}

TEST(GateNoiseTest, InterleavedRoundsArePairedSoTheMachineMoodCancels) {
  // The mood moves rounds by up to 12%, far more than the 3% change: unpaired
  // that is noise, paired by round it cancels.
  auto a = file_named("a.json"), b = file_named("b.json");
  interleaved_pair(a, b, "BM_Shift", 20, 0.03, 0.002);
  interleaved_pair(a, b, "BM_Same", 20, 0.0, 0.002);
  auto r = run_gate(a, b, GateConfig{});
  ASSERT_TRUE(r.ok()) << r.error().message();
  const auto& shift = row(*r, "BM_Shift");
  EXPECT_EQ(shift.method, "paired rounds");
  EXPECT_EQ(shift.verdict, Verdict::kRegressed) << shift.reason;
  EXPECT_NEAR(shift.ratio, 1.03, 0.003);
  EXPECT_NE(shift.reason.find("paired by round (20)"), std::string::npos) << shift.reason;
  const auto& same = row(*r, "BM_Same");
  EXPECT_EQ(same.verdict, Verdict::kUnchanged) << same.reason;
  EXPECT_EQ(same.noise_source, "none");
  EXPECT_TRUE(r->advice.empty());
}

TEST(GateNoiseTest, TooFewCommonRoundsFallBackToTheBootstrapByProcess) {
  auto a = file_named("a.json"), b = file_named("b.json");
  interleaved_pair(a, b, "BM_A", 4, 0.0, 0.002);
  auto r = run_gate(a, b, GateConfig{});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(row(*r, "BM_A").method, "bootstrap by process");
}

TEST(GateNoiseTest, SequentialLooksAdjustConfidenceAndAlpha) {
  auto a = file_named("a.json"), b = file_named("b.json");
  interleaved_pair(a, b, "BM_A", 10, 0.02, 0.01);
  auto once = run_gate(a, b, GateConfig{});
  ASSERT_TRUE(once.ok());
  EXPECT_EQ(once->sequential_looks, 1);
  for (auto* f : {&a, &b}) f->context.extra[std::string(kSequentialLooksKey)] = "3";
  auto seq = run_gate(a, b, GateConfig{});
  ASSERT_TRUE(seq.ok());
  EXPECT_EQ(seq->sequential_looks, 3);
  const auto& x = row(*once, "BM_A");
  const auto& y = row(*seq, "BM_A");
  EXPECT_LE(y.ci_low, x.ci_low);
  EXPECT_GE(y.ci_high, x.ci_high);
  EXPECT_GT(y.ci_high - y.ci_low, x.ci_high - x.ci_low);
  // A malformed or mismatched value is bad input naming the file.
  b.context.extra[std::string(kSequentialLooksKey)] = "x";
  auto bad = run_gate(a, b, GateConfig{});
  ASSERT_THAT(bad, matchers::StatusIs(ErrorCode::kSchemaError));
  EXPECT_EQ(bad.error().message().rfind("b.json: context.gauntlet_sequential_looks:", 0), 0u) << bad.error().message();
  b.context.extra[std::string(kSequentialLooksKey)] = "2";
  EXPECT_THAT(run_gate(a, b, GateConfig{}), matchers::StatusIs(ErrorCode::kSchemaError));
}

TEST(GateNoiseTest, RealTimeSpentWaitingForTheCpuIsNotARegression) {
  // Same cpu time; the current side waited for a busy CPU (real 1.6x cpu).
  auto base = file_named("b.json"), cur = file_named("c.json");
  add_runs(base, "BM_A", noisy(10, 1000, 0.004, 1));
  add_runs(cur, "BM_A", noisy(10, 1000, 0.004, 2));
  for (auto& r : cur.rows) r.real_time_ns *= 1.6;
  GateConfig config;
  config.process_noise = config.run_noise = 0;
  auto r = run_gate(base, cur, config);
  ASSERT_TRUE(r.ok());
  const auto& a = row(*r, "BM_A");
  EXPECT_NEAR(a.contention, std::log(1.6), 0.01);
  EXPECT_LT(a.ci_low, 1.0);
  EXPECT_EQ(a.verdict, Verdict::kInconclusive) << a.reason;
  EXPECT_NE(a.reason.find("(contention)"), std::string::npos) << a.reason;
  bool warned = false;
  for (const auto& w : r->warnings) warned = warned || w.find("waited for a busy CPU") != std::string::npos;
  EXPECT_TRUE(warned);
  // Judged on cpu time the same runs are unchanged, and no contention applies.
  config.metric = "cpu_time";
  auto cpu = run_gate(base, cur, config);
  ASSERT_TRUE(cpu.ok());
  EXPECT_EQ(row(*cpu, "BM_A").verdict, Verdict::kUnchanged);
  EXPECT_EQ(row(*cpu, "BM_A").contention, 0.0);
}

TEST(GateNoiseTest, EnvironmentEvidenceFromTheContext) {
  auto base = file_named("b.json"), cur = file_named("c.json");
  add_runs(base, "BM_A", noisy(10, 1000, 0.004, 1));
  add_runs(cur, "BM_A", noisy(10, 1000, 0.004, 2));
  base.context.load_avg = {0.2, 0.3, 0.3};
  cur.context.load_avg = {2.9, 2.0, 1.1};
  cur.context.library_build_type = "debug";
  auto r = run_gate(base, cur, GateConfig{});
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->environment.same_machine);  // evidence, not identity
  bool load = false;
  for (const auto& d : r->environment.differences) load = load || d == "load_avg: 0.20 vs 2.90";
  EXPECT_TRUE(load);
  int debug = 0, busy = 0;
  for (const auto& w : r->warnings) {
    debug += w.find("current run used a debug build") != std::string::npos;
    busy += w.find("the current run shared a busy machine") != std::string::npos;
  }
  EXPECT_EQ(debug, 1);
  EXPECT_EQ(busy, 1);
}

}  // namespace
}  // namespace gauntlet::ci
