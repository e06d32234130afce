#include "gauntlet/ci/history.h"

#include "gate_test_files.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "gauntlet/harness/testing/status_matchers.h"

#include <filesystem>
#include <fstream>
#include <thread>

namespace gauntlet::ci {
namespace {

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
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string db() const { return (dir_ / "nested" / "history.sqlite").string(); }
  std::filesystem::path dir_;
  ManualClock clock_{1'700'000'000'000'000'000};
};

TEST_F(HistoryTest, CreatesSchemaAndRecordsRuns) {
  auto h = History::open(db());
  ASSERT_TRUE(h.ok()) << h.error().message();
  EXPECT_EQ(h->schema_version(), kHistorySchemaVersion);
  auto f = file_named("run1.json");
  add_runs(f, "BM_A", {10, 12, 11});
  f.rows[0].counters["items_per_second"] = 5;
  auto id = h->record_run(f, "abc123", "main", clock_);
  ASSERT_TRUE(id.ok()) << id.error().message();
  auto runs = h->runs(10);
  ASSERT_TRUE(runs.ok());
  ASSERT_EQ(runs->size(), 1u);
  EXPECT_EQ((*runs)[0].git_revision, "abc123");
  EXPECT_EQ((*runs)[0].recorded_at_ns, clock_.wall_ns());
  auto s = h->series("BM_A", "real_time");
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(s->size(), 1u);
  EXPECT_DOUBLE_EQ((*s)[0].median, 11);
  EXPECT_EQ((*s)[0].repetitions, 3u);
  auto counter = h->series("BM_A", "items_per_second");
  ASSERT_TRUE(counter.ok());
  EXPECT_EQ(counter->size(), 1u);
}

TEST_F(HistoryTest, MigratesAVersionOneDatabase) {
  std::filesystem::create_directories(dir_ / "nested");
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(db().c_str(), &raw), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(raw,
                         "CREATE TABLE runs(id INTEGER PRIMARY KEY AUTOINCREMENT, recorded_at_ns INTEGER NOT NULL,"
                         " git_revision TEXT NOT NULL DEFAULT '', label TEXT NOT NULL DEFAULT '', source TEXT NOT NULL"
                         " DEFAULT '', host_name TEXT NOT NULL DEFAULT '', num_cpus INTEGER NOT NULL DEFAULT 0,"
                         " mhz_per_cpu REAL NOT NULL DEFAULT 0, build_type TEXT NOT NULL DEFAULT '');"
                         "CREATE TABLE samples(run_id INTEGER NOT NULL REFERENCES runs(id), benchmark TEXT NOT NULL,"
                         " metric TEXT NOT NULL, repetition INTEGER NOT NULL, value REAL NOT NULL);"
                         "INSERT INTO runs(recorded_at_ns, git_revision) VALUES(1, 'old');"
                         "INSERT INTO samples VALUES(1, 'BM_A', 'real_time', 0, 42.0);"
                         "PRAGMA user_version=1;",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(raw);
  auto h = History::open(db());
  ASSERT_TRUE(h.ok()) << h.error().message();
  EXPECT_EQ(h->schema_version(), 2);
  auto s = h->series("BM_A", "real_time");
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(s->size(), 1u);
  EXPECT_EQ((*s)[0].git_revision, "old");
}

TEST_F(HistoryTest, RefusesNewerSchemaAndGarbage) {
  std::filesystem::create_directories(dir_ / "nested");
  {
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(db().c_str(), &raw), SQLITE_OK);
    sqlite3_exec(raw, "PRAGMA user_version=99;", nullptr, nullptr, nullptr);
    sqlite3_close(raw);
  }
  auto newer = History::open(db());
  ASSERT_THAT(newer, matchers::StatusIs(ErrorCode::kSchemaError));
  EXPECT_NE(newer.error().message().find(db()), std::string::npos);
  const std::string junk = (dir_ / "junk.sqlite").string();
  std::ofstream(junk) << "this is not a database, just text that is long enough to have a header......";
  auto bad = History::open(junk);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code(), ErrorCode::kSchemaError);  // bad input (exit 2), not an I/O failure
  EXPECT_EQ(bad.error().message().rfind(junk + ":", 0), 0u) << bad.error().message();
}

// user_version is a signed 32-bit number: a negative one (found by
// fuzz_history_db, ci/fuzz/regressions/history_db/) once indexed the
// migration table out of bounds.
TEST_F(HistoryTest, RefusesNegativeSchemaVersion) {
  std::filesystem::create_directories(dir_ / "nested");
  for (const char* version : {"-1", "-1728053246"}) {
    std::filesystem::remove(db());
    {
      sqlite3* raw = nullptr;
      ASSERT_EQ(sqlite3_open(db().c_str(), &raw), SQLITE_OK);
      sqlite3_exec(raw, (std::string("PRAGMA user_version=") + version + ";").c_str(), nullptr, nullptr, nullptr);
      sqlite3_close(raw);
    }
    auto h = History::open(db());
    ASSERT_THAT(h, matchers::StatusIs(ErrorCode::kSchemaError)) << version;
    EXPECT_EQ(h.error().message(), db() + ": history schema version " + version + " is not one this gauntlet knows");
  }
}

TEST_F(HistoryTest, ConcurrentWritersAllLand) {
  ASSERT_TRUE(History::open(db()).ok());
  constexpr int kThreads = 4, kRuns = 5;
  std::vector<std::thread> writers;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    writers.emplace_back([&, t] {
      auto h = History::open(db());
      if (!h.ok()) {
        ++failures;
        return;
      }
      for (int i = 0; i < kRuns; ++i) {
        auto f = file_named("t" + std::to_string(t));
        add_runs(f, "BM_A", noisy(5, 100, 0.1, static_cast<std::uint64_t>(t * 100 + i)));
        if (!h->record_run(f, "", "", clock_).ok()) ++failures;
      }
    });
  }
  for (auto& w : writers) w.join();
  EXPECT_EQ(failures.load(), 0);
  auto h = History::open(db());
  ASSERT_TRUE(h.ok());
  auto runs = h->runs(1000);
  ASSERT_TRUE(runs.ok());
  EXPECT_EQ(runs->size(), static_cast<std::size_t>(kThreads * kRuns));
}

TEST_F(HistoryTest, NoiseModelAndChangePointsFromSeries) {
  auto h = History::open(db());
  ASSERT_TRUE(h.ok());
  // 12 runs at ~100 then 12 runs at ~130: run medians spread ~2% within a level.
  for (int i = 0; i < 24; ++i) {
    auto f = file_named("r" + std::to_string(i));
    const double level = i < 12 ? 100 : 130;
    const double run_shift = 1.0 + 0.04 * (static_cast<double>(i % 5) / 4.0 - 0.5);
    add_runs(f, "BM_A", noisy(5, level * run_shift, 0.01, static_cast<std::uint64_t>(i)));
    ASSERT_TRUE(h->record_run(f, "rev" + std::to_string(i), "", clock_).ok());
  }
  auto cps = h->change_points("real_time", 1);
  ASSERT_TRUE(cps.ok());
  ASSERT_EQ(cps->size(), 1u);
  EXPECT_EQ((*cps)[0].index, 12u);
  EXPECT_EQ((*cps)[0].revision, "rev12");
  auto noise = h->noise_model("real_time", 10, 3);
  ASSERT_TRUE(noise.ok());
  const double sigma = noise->between_run_sigma.at("BM_A");
  EXPECT_GT(sigma, 0.005);
  EXPECT_LT(sigma, 0.05);
}

TEST_F(HistoryTest, NoiseModelSeesARecurringSlowModeButNotAFewContaminatedRuns) {
  auto h = History::open(db());
  ASSERT_TRUE(h.ok());
  // Every fourth run 6% slower (a process-level layout effect that recurs):
  // between-run noise the gate must allow for.
  for (int i = 0; i < 20; ++i) {
    auto f = file_named("m" + std::to_string(i));
    add_runs(f, "BM_Mode", noisy(5, i % 4 == 3 ? 106 : 100, 0.005, static_cast<std::uint64_t>(i)));
    // Two runs of 20 under heavy contention (2.5x): not this benchmark's noise.
    add_runs(f, "BM_Dirty", noisy(5, i == 6 || i == 15 ? 250 : 100, 0.005, 100 + static_cast<std::uint64_t>(i)));
    ASSERT_TRUE(h->record_run(f, "rev" + std::to_string(i), "", clock_).ok());
  }
  auto noise = h->noise_model("real_time");
  ASSERT_TRUE(noise.ok());
  EXPECT_GT(noise->between_run_sigma.at("BM_Mode"), 0.02);
  EXPECT_LT(noise->between_run_sigma.at("BM_Dirty"), 0.01);
  // Fewer runs than min_runs: no learned sigma (the priors stay in charge).
  auto few = h->noise_model("real_time", 60, 21);
  ASSERT_TRUE(few.ok());
  EXPECT_TRUE(few->between_run_sigma.empty());
}

}  // namespace
}  // namespace gauntlet::ci
