#include "gauntlet/ci/bench_runner.h"
#include "gauntlet/ci/benchmark_file.h"
#include "gauntlet/ci/calibration.h"
#include "gauntlet/ci/gate.h"

#include "gate_test_files.h"

#include <gtest/gtest.h>

#include <cmath>

namespace gauntlet::ci {
namespace {

BenchRunOptions opts(int rounds, int repetitions = 2) {
  BenchRunOptions o;
  o.rounds = rounds;
  o.repetitions = repetitions;
  return o;
}

const std::string kFake = std::string(GAUNTLET_SOURCE_DIR) + "/ci/tests/data/fake_bench.sh";

TEST(BenchRunnerTest, SingleBinaryMergesRoundsAndDropsAggregates) {
  auto out = run_benchmarks({kFake, {}, {}}, opts(3));
  ASSERT_TRUE(out.ok()) << out.error().message();
  EXPECT_TRUE(out->candidate_json.empty());
  auto f = parse_benchmark_json(out->baseline_json, "merged");
  ASSERT_TRUE(f.ok()) << f.error().message();
  ASSERT_EQ(f->rows.size(), 6u);
  for (std::size_t i = 0; i < 6; ++i) {
    EXPECT_EQ(f->rows[i].repetition_index, static_cast<std::int64_t>(i));
    EXPECT_EQ(f->rows[i].repetitions, 6);
    EXPECT_TRUE(std::isnan(f->rows[i].counters.at("odd")));  // bare NaN survives the merge
    // Each row names the invocation (process) it came from; not a counter.
    EXPECT_EQ(f->rows[i].round, static_cast<std::int64_t>(i / 2));
    EXPECT_EQ(f->rows[i].counters.count(std::string(kRoundKey)), 0u);
  }
  EXPECT_EQ(f->context.host_name, "fake");
  EXPECT_EQ(f->context.extra.at("gauntlet_rounds"), "3");
  EXPECT_EQ(f->context.extra.count(std::string(kInterleavedPairKey)), 0u);  // one binary: no pair
}

TEST(BenchRunnerTest, InterleavedSidesGetTheirOwnEnvironment) {
  BenchCommand a{kFake, {}, {{"FAKE_BENCH_NS", "100"}}};
  BenchCommand b{kFake, {}, {{"FAKE_BENCH_NS", "250"}}};
  auto out = run_benchmarks_interleaved(a, b, opts(2));
  ASSERT_TRUE(out.ok()) << out.error().message();
  auto fa = parse_benchmark_json(out->baseline_json, "a");
  auto fb = parse_benchmark_json(out->candidate_json, "b");
  ASSERT_TRUE(fa.ok() && fb.ok());
  ASSERT_EQ(fa->rows.size(), 4u);
  ASSERT_EQ(fb->rows.size(), 4u);
  EXPECT_DOUBLE_EQ(fa->rows[0].real_time_ns, 100);
  EXPECT_DOUBLE_EQ(fb->rows[3].real_time_ns, 250);
  // Both sides name the same run, so the gate knows they were interleaved.
  EXPECT_TRUE(same_interleaved_run(fa->context, fb->context));
  auto again = run_benchmarks_interleaved(a, b, opts(1));
  ASSERT_TRUE(again.ok());
  auto fa2 = parse_benchmark_json(again->baseline_json, "a2");
  ASSERT_TRUE(fa2.ok());
  EXPECT_FALSE(same_interleaved_run(fa2->context, fb->context));
}

TEST(BenchRunnerTest, FailuresAreErrors) {
  auto missing = run_benchmarks({"/nonexistent/bench", {}, {}}, {});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code(), ErrorCode::kUnavailable);
  auto failing = run_benchmarks({kFake, {"--fail"}, {}}, opts(1));
  ASSERT_FALSE(failing.ok());
  EXPECT_NE(failing.error().message().find("exited with status 3"), std::string::npos);
  EXPECT_EQ(run_benchmarks({kFake, {}, {}}, opts(0)).error().code(), ErrorCode::kInvalidArgument);
}

TEST(CalibrationTest, CountsFalseAlarmsOverOrderedPairs) {
  std::vector<BenchmarkFile> runs;
  // Three runs of the same code; the third sits 30% higher (a machine mood).
  for (int i = 0; i < 3; ++i) {
    auto f = testing::file_named("r" + std::to_string(i));
    testing::add_runs(f, "BM_A", testing::noisy(20, i == 2 ? 1300 : 1000, 0.02, static_cast<std::uint64_t>(i)));
    runs.push_back(f);
  }
  auto rows = calibrate(runs, GateConfig{});
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  const CalibrationRow& r = (*rows)[0];
  EXPECT_EQ(r.comparisons, 6);
  EXPECT_EQ(r.false_alarms, 4);  // every pair involving the third run
  EXPECT_NEAR(r.false_alarm_rate, 4.0 / 6.0, 1e-12);
  EXPECT_GT(r.p95_abs_change, 0.2);
  EXPECT_EQ(calibrate({runs[0]}, GateConfig{}).error().code(), ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace gauntlet::ci
