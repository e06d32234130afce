// The gate's use of the history: what a benchmark file records, learned
// noise and change points. The schema itself is tested in records/tests.
#include "gauntlet/ci/history.h"

#include "gate_test_files.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include "gauntlet/harness/testing/status_matchers.h"
#include "gauntlet/records/history_series.h"

#include <filesystem>

namespace gauntlet::ci {
namespace {

using records::HistoryStore;
using testing::add_runs;
using testing::file_named;
using testing::noisy;

class HistoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("gauntlet_history_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) +
            std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    auto h = records::open_history((dir_ / "nested" / "history.sqlite").string());
    ASSERT_TRUE(h.ok()) << h.error().message();
    history_ = std::move(*h);
  }
  void TearDown() override {
    history_.reset();
    std::filesystem::remove_all(dir_);
  }
  std::filesystem::path dir_;
  std::unique_ptr<HistoryStore> history_;
  ManualClock clock_{1'700'000'000'000'000'000};
};

TEST_F(HistoryTest, RecordsEveryIterationRowAndCounter) {
  auto f = file_named("run1.json");
  add_runs(f, "BM_A", {10, 12, 11});
  f.rows[0].counters["items_per_second"] = 5;
  BenchmarkRow aggregate = f.rows[0];
  aggregate.run_type = RunType::kAggregate;
  aggregate.real_time_ns = 1000;
  f.rows.push_back(aggregate);  // aggregates are not samples
  const records::HistoryRun run = history_run(f, "abc123", "main");
  EXPECT_EQ(run.source, "run1.json");
  EXPECT_EQ(run.git_revision, "abc123");
  EXPECT_EQ(run.label, "main");
  auto id = history_->record_run(run, clock_);
  ASSERT_TRUE(id.ok()) << id.error().message();
  auto runs = history_->runs(10);
  ASSERT_TRUE(runs.ok());
  ASSERT_EQ(runs->size(), 1u);
  EXPECT_EQ((*runs)[0].git_revision, "abc123");
  EXPECT_EQ((*runs)[0].recorded_at_ns, clock_.wall_ns());
  auto s = records::history_series(*history_, "BM_A", "real_time");
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(s->points.size(), 1u);
  EXPECT_DOUBLE_EQ(s->points[0].median, 11);
  EXPECT_EQ(s->points[0].repetitions, 3u);
  auto counter = records::history_series(*history_, "BM_A", "items_per_second");
  ASSERT_TRUE(counter.ok());
  EXPECT_EQ(counter->points.size(), 1u);
}

TEST_F(HistoryTest, NoiseModelAndChangePointsFromSeries) {
  // 12 runs at ~100 then 12 runs at ~130: run medians spread ~2% within a level.
  for (int i = 0; i < 24; ++i) {
    auto f = file_named("r" + std::to_string(i));
    const double level = i < 12 ? 100 : 130;
    const double run_shift = 1.0 + 0.04 * (static_cast<double>(i % 5) / 4.0 - 0.5);
    add_runs(f, "BM_A", noisy(5, level * run_shift, 0.01, static_cast<std::uint64_t>(i)));
    ASSERT_TRUE(history_->record_run(history_run(f, "rev" + std::to_string(i), ""), clock_).ok());
  }
  auto cps = history_change_points(*history_, "real_time", 1);
  ASSERT_TRUE(cps.ok());
  ASSERT_EQ(cps->size(), 1u);
  EXPECT_EQ((*cps)[0].index, 12u);
  EXPECT_EQ((*cps)[0].revision, "rev12");
  // The index is a position in the one history series every reader shows.
  auto series = records::history_series(*history_, "BM_A", "real_time");
  ASSERT_TRUE(series.ok());
  EXPECT_EQ(series->points[(*cps)[0].index].git_revision, "rev12");
  auto noise = learn_noise_model(*history_, "real_time", 10, 3);
  ASSERT_TRUE(noise.ok());
  const double sigma = noise->between_run_sigma.at("BM_A");
  EXPECT_GT(sigma, 0.005);
  EXPECT_LT(sigma, 0.05);
}

TEST_F(HistoryTest, NoiseModelSeesARecurringSlowModeButNotAFewContaminatedRuns) {
  // Every fourth run 6% slower (a process-level layout effect that recurs):
  // between-run noise the gate must allow for.
  for (int i = 0; i < 20; ++i) {
    auto f = file_named("m" + std::to_string(i));
    add_runs(f, "BM_Mode", noisy(5, i % 4 == 3 ? 106 : 100, 0.005, static_cast<std::uint64_t>(i)));
    // Two runs of 20 under heavy contention (2.5x): not this benchmark's noise.
    add_runs(f, "BM_Dirty", noisy(5, i == 6 || i == 15 ? 250 : 100, 0.005, 100 + static_cast<std::uint64_t>(i)));
    ASSERT_TRUE(history_->record_run(history_run(f, "rev" + std::to_string(i), ""), clock_).ok());
  }
  auto noise = learn_noise_model(*history_, "real_time");
  ASSERT_TRUE(noise.ok());
  EXPECT_GT(noise->between_run_sigma.at("BM_Mode"), 0.02);
  EXPECT_LT(noise->between_run_sigma.at("BM_Dirty"), 0.01);
  // Fewer runs than min_runs: no learned sigma (the priors stay in charge).
  auto few = learn_noise_model(*history_, "real_time", 60, 21);
  ASSERT_TRUE(few.ok());
  EXPECT_TRUE(few->between_run_sigma.empty());
}

}  // namespace
}  // namespace gauntlet::ci
