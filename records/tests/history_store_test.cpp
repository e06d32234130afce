// What every history store promises, run on SQLite and on PostgreSQL: the
// same runs, samples, series, run keys, machine classes and order come back.
#include "gauntlet/harness/testing/status_matchers.h"
#include "gauntlet/records/history_series.h"
#include "history_backend_test.h"
#include "sample_history.h"

#include <limits>

namespace gauntlet::records::testing {
namespace {

using matchers::IsOk;
using matchers::StatusIs;

class HistoryStoreTest : public HistoryBackendTest {};

TEST_P(HistoryStoreTest, ARunComesBackAsRecorded) {
  auto h = open();
  ASSERT_NE(h, nullptr);
  EXPECT_EQ(h->schema_version(), kHistorySchemaVersion);
  HistoryRun run = run_of("BM_A", {0.1 + 0.2, 1e-300, 12345.678901234567}, "job-17", "c5.large");
  run.git_revision = "abc123";
  run.label = "main";
  run.context.mhz_per_cpu = 2400.5;
  run.samples.push_back({"BM_A", "items_per_second", 0, 5e9});
  run.samples.push_back({"BM_A", "items_per_second", 1, std::numeric_limits<double>::quiet_NaN()});  // not recorded
  auto id = h->record_run(run, clock_);
  ASSERT_THAT(id, IsOk());
  auto runs = h->runs(10);
  ASSERT_THAT(runs, IsOk());
  ASSERT_EQ(runs->size(), 1u);
  const RecordedRun& r = (*runs)[0];
  EXPECT_EQ(r.id, *id);
  EXPECT_EQ(r.recorded_at_ns, clock_.wall_ns());
  EXPECT_EQ(r.run_key, "job-17");
  EXPECT_EQ(r.git_revision, "abc123");
  EXPECT_EQ(r.label, "main");
  EXPECT_EQ(r.source, "run.json");
  EXPECT_EQ(r.context.host_name, "host");
  EXPECT_EQ(r.context.num_cpus, 2);
  EXPECT_EQ(r.context.mhz_per_cpu, 2400.5);
  EXPECT_EQ(r.context.build_type, "release");
  EXPECT_EQ(r.context.machine, "c5.large");
  auto samples = h->samples(*id);
  ASSERT_THAT(samples, IsOk());
  ASSERT_EQ(samples->size(), 7u);
  // By benchmark, metric, repetition; every double exactly as written.
  EXPECT_EQ((*samples)[0].metric, "cpu_time");
  EXPECT_EQ((*samples)[3].metric, "items_per_second");
  EXPECT_EQ((*samples)[3].value, 5e9);
  EXPECT_EQ((*samples)[4].metric, "real_time");
  EXPECT_EQ((*samples)[4].value, 0.1 + 0.2);
  EXPECT_EQ((*samples)[5].value, 1e-300);
  EXPECT_EQ((*samples)[6].value, 12345.678901234567);
  EXPECT_EQ((*samples)[6].repetition, 2);
  auto s = history_series(*h, "BM_A", "real_time");
  ASSERT_THAT(s, IsOk());
  ASSERT_EQ(s->points.size(), 1u);
  EXPECT_EQ(s->points[0].median, 0.1 + 0.2);
  EXPECT_EQ(s->points[0].repetitions, 3u);
  EXPECT_THAT(h->samples(*id + 1000), IsOk());
  EXPECT_TRUE(h->samples(*id + 1000)->empty());
}

TEST_P(HistoryStoreTest, ARunKeyIsRecordedOnce) {
  auto h = open();
  ASSERT_NE(h, nullptr);
  auto first = h->record_run(run_of("BM_A", {1, 2, 3}, "ci-job-1"), clock_);
  ASSERT_THAT(first, IsOk());
  clock_.advance(1000);
  auto again = h->record_run(run_of("BM_A", {7, 8, 9}, "ci-job-1"), clock_);
  ASSERT_THAT(again, IsOk());
  EXPECT_EQ(*again, *first);
  auto other = h->record_run(run_of("BM_A", {4}, "ci-job-2"), clock_);
  ASSERT_THAT(other, IsOk());
  EXPECT_NE(*other, *first);
  // Runs without a key are all new.
  ASSERT_THAT(h->record_run(run_of("BM_A", {5}), clock_), IsOk());
  ASSERT_THAT(h->record_run(run_of("BM_A", {5}), clock_), IsOk());
  auto runs = h->runs(100);
  ASSERT_THAT(runs, IsOk());
  EXPECT_EQ(runs->size(), 4u);
  auto s = history_series(*h, "BM_A", "real_time");
  ASSERT_THAT(s, IsOk());
  ASSERT_EQ(s->points.size(), 4u);
  EXPECT_EQ(s->points[0].median, 2);  // the first recording, untouched
  EXPECT_EQ(s->points[0].repetitions, 3u);
}

TEST_P(HistoryStoreTest, SeriesCanBeLimitedToOneMachineClass) {
  auto h = open();
  ASSERT_NE(h, nullptr);
  ASSERT_THAT(h->record_run(run_of("BM_A", {10}, "", "small"), clock_), IsOk());
  ASSERT_THAT(h->record_run(run_of("BM_A", {20}, "", "large"), clock_), IsOk());
  ASSERT_THAT(h->record_run(run_of("BM_A", {11}, "", "small"), clock_), IsOk());
  ASSERT_THAT(h->record_run(run_of("BM_B", {5}), clock_), IsOk());  // class: its host
  auto small = history_series(*h, "BM_A", "real_time", "small");
  ASSERT_THAT(small, IsOk());
  ASSERT_EQ(small->points.size(), 2u);
  EXPECT_EQ(small->points[1].median, 11);
  auto all = history_series(*h, "BM_A", "real_time");
  ASSERT_THAT(all, IsOk());
  EXPECT_EQ(all->points.size(), 3u);
  auto on_host = all_history_series(*h, "real_time", "host");
  ASSERT_THAT(on_host, IsOk());
  ASSERT_EQ(on_host->size(), 1u);  // BM_A has no run of class "host"
  EXPECT_EQ((*on_host)[0].benchmark, "BM_B");
}

TEST_P(HistoryStoreTest, NamesSortByBytesOnEveryBackend) {
  auto h = open();
  ASSERT_NE(h, nullptr);
  HistoryRun run;
  for (const char* name : {"b", "B", "a_b", "ab", "A", "\xC3\xA9t\xC3\xA9"})
    run.samples.push_back({name, "real_time", 0, 1});
  run.samples.push_back({"b", "items", 0, 1});
  run.samples.push_back({"b", "bytes", 0, 1});
  ASSERT_THAT(h->record_run(run, clock_), IsOk());
  auto names = h->benchmarks("real_time");
  ASSERT_THAT(names, IsOk());
  EXPECT_EQ(*names, (std::vector<std::string>{"A", "B", "a_b", "ab", "b", "\xC3\xA9t\xC3\xA9"}));
  auto metrics = h->metrics();
  ASSERT_THAT(metrics, IsOk());
  EXPECT_EQ(*metrics, (std::vector<std::string>{"real_time", "bytes", "items"}));
}

TEST_P(HistoryStoreTest, TextThatIsNotUtf8IsRefusedAndNothingRecorded) {
  auto h = open();
  ASSERT_NE(h, nullptr);
  auto key = h->record_run(run_of("BM_A", {5}, "job\xFF"), clock_);
  ASSERT_THAT(key, StatusIs(ErrorCode::kInvalidArgument));
  EXPECT_EQ(key.error().message(), "run key is not valid UTF-8 (ill-formed byte at offset 3)");
  HistoryRun run = run_of("BM_A", {5});
  run.git_revision = "\xC3(";
  EXPECT_THAT(h->record_run(run, clock_), StatusIs(ErrorCode::kInvalidArgument));
  EXPECT_TRUE(h->runs(10)->empty());
}

TEST_P(HistoryStoreTest, ReadOnlyNeedsAHistoryAndNeverWrites) {
  auto missing = open_history(location(), HistoryAccess::kReadOnly);
  ASSERT_THAT(missing, StatusIs(ErrorCode::kNotFound));
  EXPECT_EQ(missing.error().message().rfind(location(), 0), 0u) << missing.error().message();
  {
    auto h = open();
    ASSERT_NE(h, nullptr);
    ASSERT_THAT(h->record_run(run_of("BM_A", {1}), clock_), IsOk());
  }
  auto ro = open(HistoryAccess::kReadOnly);
  ASSERT_NE(ro, nullptr);
  EXPECT_EQ(ro->schema_version(), kHistorySchemaVersion);
  EXPECT_THAT(ro->record_run(run_of("BM_A", {2}), clock_), StatusIs(ErrorCode::kIoError));
  EXPECT_EQ(ro->runs(10)->size(), 1u);
}

TEST_P(HistoryStoreTest, ConcurrentOpensMigrateOnce) {
  std::vector<std::thread> openers;
  std::atomic<int> failures{0};
  for (int t = 0; t < 8; ++t)
    openers.emplace_back([&] {
      if (!open_history(location()).ok()) ++failures;
    });
  for (auto& o : openers) o.join();
  EXPECT_EQ(failures.load(), 0);
  auto h = open();
  ASSERT_NE(h, nullptr);
  EXPECT_EQ(h->schema_version(), kHistorySchemaVersion);
}

// Into this backend from a SQLite file (the migration a team does once), and
// again: the second copy records nothing.
TEST_P(HistoryStoreTest, CopyFromSqliteKeepsEveryRunAndIsIdempotent) {
  const auto dir = std::filesystem::temp_directory_path() / ("gauntlet_history_copy_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  auto sqlite = open_history((dir / "old.sqlite").string());
  ASSERT_THAT(sqlite, IsOk());
  ManualClock clock(1'600'000'000'000'000'000);
  ASSERT_THAT(record_sample_history(**sqlite, clock), IsOk());
  ASSERT_THAT((*sqlite)->record_run(run_of("BM_Keyed", {3}, "kept-key"), clock), IsOk());
  auto h = open();
  ASSERT_NE(h, nullptr);
  auto copied = copy_history(**sqlite, *h);
  ASSERT_THAT(copied, IsOk());
  EXPECT_EQ(copied->copied, static_cast<std::size_t>(kSampleHistoryRuns + 1));
  EXPECT_EQ(copied->present, 0u);
  auto twice = copy_history(**sqlite, *h);
  ASSERT_THAT(twice, IsOk());
  EXPECT_EQ(twice->copied, 0u);
  EXPECT_EQ(twice->present, static_cast<std::size_t>(kSampleHistoryRuns + 1));
  auto from = (*sqlite)->runs(1000);
  auto to = h->runs(1000);
  ASSERT_THAT(to, IsOk());
  ASSERT_EQ(to->size(), from->size());
  for (std::size_t i = 0; i < from->size(); ++i) {
    EXPECT_EQ((*to)[i].recorded_at_ns, (*from)[i].recorded_at_ns);
    EXPECT_EQ((*to)[i].git_revision, (*from)[i].git_revision);
    EXPECT_EQ((*to)[i].context.machine, (*from)[i].context.machine);
    EXPECT_EQ(*h->samples((*to)[i].id), *(*sqlite)->samples((*from)[i].id)) << i;
  }
  EXPECT_EQ((*to)[0].run_key, "kept-key");
  EXPECT_EQ((*to)[1].run_key.rfind("copied:", 0), 0u) << (*to)[1].run_key;
  auto names = (*sqlite)->benchmarks("real_time");
  ASSERT_THAT(names, IsOk());
  ASSERT_EQ(names->size(), 5u);
  for (const std::string& name : *names) {
    auto a = history_series(**sqlite, name, "real_time");
    auto b = history_series(*h, name, "real_time");
    ASSERT_EQ(a->points.size(), b->points.size()) << name;
    for (std::size_t i = 0; i < a->points.size(); ++i) EXPECT_EQ(a->points[i].median, b->points[i].median) << name;
  }
  std::filesystem::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(Backends, HistoryStoreTest, ::testing::Values(Backend::kSqlite, Backend::kPostgresql),
                         backend_name);

}  // namespace
}  // namespace gauntlet::records::testing
