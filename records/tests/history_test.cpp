// The history schema: creation, migrations, version checks, recording and
// reading runs, and the one per-run series.
#include "gauntlet/harness/testing/status_matchers.h"
#include "gauntlet/records/history_series.h"
#include "gauntlet/records/history_store.h"
#include "history_test_db.h"

#include <atomic>
#include <fstream>
#include <limits>
#include <thread>

namespace gauntlet::records {
namespace {

using matchers::IsOk;
using matchers::StatusIs;

class HistoryTest : public testing::HistoryDbTest {};

// The version 1 schema, as older builds wrote it.
constexpr const char* kVersionOneSchema =
    "CREATE TABLE runs(id INTEGER PRIMARY KEY AUTOINCREMENT, recorded_at_ns INTEGER NOT NULL,"
    " git_revision TEXT NOT NULL DEFAULT '', label TEXT NOT NULL DEFAULT '', source TEXT NOT NULL"
    " DEFAULT '', host_name TEXT NOT NULL DEFAULT '', num_cpus INTEGER NOT NULL DEFAULT 0,"
    " mhz_per_cpu REAL NOT NULL DEFAULT 0, build_type TEXT NOT NULL DEFAULT '');"
    "CREATE TABLE samples(run_id INTEGER NOT NULL REFERENCES runs(id), benchmark TEXT NOT NULL,"
    " metric TEXT NOT NULL, repetition INTEGER NOT NULL, value REAL NOT NULL);";

TEST_F(HistoryTest, CreatesSchemaAndRecordsRuns) {
  auto h = open_history(db());
  ASSERT_THAT(h, IsOk());
  EXPECT_EQ((*h)->schema_version(), kHistorySchemaVersion);
  EXPECT_EQ((*h)->location(), db());
  HistoryRun run = run_of("BM_A", {10, 12, 11}, "abc123");
  run.label = "main";
  run.samples.push_back({"BM_A", "items_per_second", 0, 5});
  run.samples.push_back({"BM_A", "items_per_second", 1, std::numeric_limits<double>::quiet_NaN()});  // not recorded
  ASSERT_THAT((*h)->record_run(run, clock_), IsOk());
  auto runs = (*h)->runs(10);
  ASSERT_THAT(runs, IsOk());
  ASSERT_EQ(runs->size(), 1u);
  EXPECT_EQ((*runs)[0].git_revision, "abc123");
  EXPECT_EQ((*runs)[0].label, "main");
  EXPECT_EQ((*runs)[0].context.host_name, "host");
  EXPECT_EQ((*runs)[0].context.machine, "host");  // no class given: the host is the class
  EXPECT_EQ((*runs)[0].recorded_at_ns, clock_.wall_ns());
  auto s = history_series(**h, "BM_A", "real_time");
  ASSERT_THAT(s, IsOk());
  ASSERT_EQ(s->points.size(), 1u);
  EXPECT_DOUBLE_EQ(s->points[0].median, 11);
  EXPECT_EQ(s->points[0].repetitions, 3u);
  EXPECT_EQ(s->points[0].git_revision, "abc123");
  auto counter = history_series(**h, "BM_A", "items_per_second");
  ASSERT_THAT(counter, IsOk());
  ASSERT_EQ(counter->points.size(), 1u);
  EXPECT_EQ(counter->points[0].repetitions, 1u);
}

TEST_F(HistoryTest, SeriesIsOneMedianPerRunOldestFirst) {
  auto h = open_history(db());
  ASSERT_THAT(h, IsOk());
  ASSERT_THAT((*h)->record_run(run_of("BM_A", {1, 2, 3, 4}, "r1"), clock_), IsOk());
  ASSERT_THAT((*h)->record_run(run_of("BM_B", {7}, "r2"), clock_), IsOk());
  ASSERT_THAT((*h)->record_run(run_of("BM_A", {5}, "r3"), clock_), IsOk());
  auto all = all_history_series(**h, "real_time");
  ASSERT_THAT(all, IsOk());
  ASSERT_EQ(all->size(), 2u);
  const HistorySeries& a = (*all)[0];
  EXPECT_EQ(a.benchmark, "BM_A");
  EXPECT_EQ(a.metric, "real_time");
  ASSERT_EQ(a.points.size(), 2u);  // runs without BM_A are not points
  EXPECT_DOUBLE_EQ(a.points[0].median, 2.5);
  EXPECT_EQ(a.points[1].git_revision, "r3");
  EXPECT_EQ((*all)[1].benchmark, "BM_B");
  auto none = history_series(**h, "BM_None", "real_time");
  ASSERT_THAT(none, IsOk());
  EXPECT_TRUE(none->points.empty());
  EXPECT_EQ(*default_history_metric(**h), "real_time");
}

TEST_F(HistoryTest, DefaultMetricWithoutRealTimeIsTheMostRecorded) {
  auto h = open_history(db());
  ASSERT_THAT(h, IsOk());
  EXPECT_EQ(*default_history_metric(**h), "");
  HistoryRun run;
  run.samples = {{"BM_A", "bytes", 0, 1}, {"BM_A", "items", 0, 1}, {"BM_A", "items", 1, 1}};
  ASSERT_THAT((*h)->record_run(run, clock_), IsOk());
  EXPECT_EQ(*default_history_metric(**h), "items");
}

TEST_F(HistoryTest, MigratesAVersionOneDatabase) {
  write_raw(std::string(kVersionOneSchema) +
            "INSERT INTO runs(recorded_at_ns, git_revision) VALUES(1, 'old');"
            "INSERT INTO samples VALUES(1, 'BM_A', 'real_time', 0, 42.0);"
            "PRAGMA user_version=1;");
  auto h = open_history(db());
  ASSERT_THAT(h, IsOk());
  EXPECT_EQ((*h)->schema_version(), kHistorySchemaVersion);
  auto s = history_series(**h, "BM_A", "real_time");
  ASSERT_THAT(s, IsOk());
  ASSERT_EQ(s->points.size(), 1u);
  EXPECT_EQ(s->points[0].git_revision, "old");
}

TEST_F(HistoryTest, ReadOnlyNeitherCreatesNorMigrates) {
  auto missing = open_history(db(), HistoryAccess::kReadOnly);
  ASSERT_THAT(missing, StatusIs(ErrorCode::kNotFound));
  EXPECT_EQ(missing.error().message(), db() + ": no such file");
  EXPECT_FALSE(std::filesystem::exists(db()));
  // Version 0 with the tables (a history written by hand) reads as it is.
  write_raw(std::string(kVersionOneSchema) +
            "INSERT INTO runs(recorded_at_ns) VALUES(1);"
            "INSERT INTO samples VALUES(1, 'BM_A', 'real_time', 0, 3.0);");
  auto h = open_history(db(), HistoryAccess::kReadOnly);
  ASSERT_THAT(h, IsOk());
  EXPECT_EQ((*h)->schema_version(), 0);
  auto all = all_history_series(**h, "real_time");
  ASSERT_THAT(all, IsOk());
  ASSERT_EQ(all->size(), 1u);
  EXPECT_FALSE((*h)->record_run(run_of("BM_A", {1}), clock_).ok());
}

TEST_F(HistoryTest, RefusesANewerSchemaNamingTheFile) {
  write_raw("CREATE TABLE samples(run_id, benchmark, metric, repetition, value); PRAGMA user_version=99;");
  for (HistoryAccess access : {HistoryAccess::kReadWrite, HistoryAccess::kReadOnly}) {
    auto newer = open_history(db(), access);
    ASSERT_THAT(newer, StatusIs(ErrorCode::kSchemaError));
    EXPECT_EQ(newer.error().message(), db() + ": history schema version 99 is newer than this gauntlet supports (" +
                                           std::to_string(kHistorySchemaVersion) + ")");
  }
}

// user_version is a signed 32-bit number: a negative one (found by
// fuzz_history_db, ci/fuzz/regressions/history_db/) once indexed the
// migration table out of bounds.
TEST_F(HistoryTest, RefusesNegativeSchemaVersion) {
  for (const char* version : {"-1", "-1728053246"}) {
    std::filesystem::remove(db());
    write_raw(std::string("PRAGMA user_version=") + version + ";");
    for (HistoryAccess access : {HistoryAccess::kReadWrite, HistoryAccess::kReadOnly}) {
      auto h = open_history(db(), access);
      ASSERT_THAT(h, StatusIs(ErrorCode::kSchemaError)) << version;
      EXPECT_EQ(h.error().message(), db() + ": history schema version " + version + " is not one this gauntlet knows");
    }
  }
}

TEST_F(HistoryTest, AFileThatIsNotADatabaseIsBadInput) {
  std::filesystem::create_directories(dir_ / "nested");
  std::ofstream(db()) << "this is not a database, just text that is long enough to have a header......";
  for (HistoryAccess access : {HistoryAccess::kReadWrite, HistoryAccess::kReadOnly}) {
    auto bad = open_history(db(), access);
    ASSERT_THAT(bad, StatusIs(ErrorCode::kSchemaError));  // bad input (exit 2), not an I/O failure
    EXPECT_EQ(bad.error().message().rfind(db() + ":", 0), 0u) << bad.error().message();
  }
}

TEST_F(HistoryTest, ADatabaseWithoutTheHistoryTablesIsRefused) {
  write_raw("CREATE TABLE t(x);");
  for (HistoryAccess access : {HistoryAccess::kReadWrite, HistoryAccess::kReadOnly}) {
    auto other = open_history(db(), access);
    ASSERT_THAT(other, StatusIs(ErrorCode::kSchemaError));
    EXPECT_EQ(other.error().message().rfind(db() + ": not a Gauntlet history database (", 0), 0u)
        << other.error().message();
  }
  std::filesystem::remove(db());
  write_raw("PRAGMA user_version=3;");  // the current version, but no tables
  auto empty = open_history(db());
  ASSERT_THAT(empty, StatusIs(ErrorCode::kSchemaError));
  EXPECT_EQ(empty.error().message(), db() + ": not a Gauntlet history database (needs tables runs and samples)");
}

TEST_F(HistoryTest, ConcurrentWritersAllLand) {
  ASSERT_THAT(open_history(db()), IsOk());
  constexpr int kThreads = 4, kRuns = 5;
  std::vector<std::thread> writers;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    writers.emplace_back([&] {
      auto h = open_history(db());
      if (!h.ok()) {
        ++failures;
        return;
      }
      for (int i = 0; i < kRuns; ++i) {
        if (!(*h)->record_run(run_of("BM_A", {100, 101, 99}), clock_).ok()) ++failures;
      }
    });
  }
  for (auto& w : writers) w.join();
  EXPECT_EQ(failures.load(), 0);
  auto h = open_history(db());
  ASSERT_THAT(h, IsOk());
  auto runs = (*h)->runs(1000);
  ASSERT_THAT(runs, IsOk());
  EXPECT_EQ(runs->size(), static_cast<std::size_t>(kThreads * kRuns));
}

}  // namespace
}  // namespace gauntlet::records
