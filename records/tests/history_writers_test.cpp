// Many writers at once, and a writer killed mid-record, on SQLite and on
// PostgreSQL: nothing committed is lost, nothing is recorded twice, no run is
// left half-written.
#include "gauntlet/harness/testing/status_matchers.h"
#include "history_backend_test.h"

#include <csignal>
#include <set>
#include <thread>

#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace gauntlet::records::testing {
namespace {

using matchers::IsOk;

class HistoryWritersTest : public HistoryBackendTest {};

// A run of `benchmarks` benchmarks x 3 repetitions x 2 metrics under `key`.
HistoryRun keyed_run(const std::string& key, int benchmarks) {
  HistoryRun run;
  run.run_key = key;
  run.context.host_name = "writer";
  for (int b = 0; b < benchmarks; ++b)
    for (std::int64_t rep = 0; rep < 3; ++rep) {
      run.samples.push_back({"BM_" + std::to_string(b), "real_time", rep, 100.0 + b + rep});
      run.samples.push_back({"BM_" + std::to_string(b), "cpu_time", rep, 90.0 + b + rep});
    }
  return run;
}

// Every run holds exactly `samples` samples; returns the keys.
std::set<std::string> check_complete(const HistoryStore& h, std::size_t samples) {
  std::set<std::string> keys;
  auto runs = h.runs(1'000'000);
  EXPECT_THAT(runs, IsOk());
  if (!runs.ok()) return keys;
  for (const RecordedRun& r : *runs) {
    EXPECT_TRUE(keys.insert(r.run_key).second) << "run key twice: " << r.run_key;
    auto s = h.samples(r.id);
    EXPECT_THAT(s, IsOk());
    if (s.ok()) {
      EXPECT_EQ(s->size(), samples) << "run " << r.id << " (" << r.run_key << ") is incomplete";
    }
  }
  return keys;
}

// 20 jobs record 100 runs each at once, each job through its own connection,
// then all of them record every run again (a retried pipeline).
TEST_P(HistoryWritersTest, TwentyConcurrentWritersLoseAndDuplicateNothing) {
  ASSERT_NE(open(), nullptr);
  constexpr int kWriters = 20, kRuns = 100, kBenchmarks = 5;
  for (int pass = 0; pass < 2; ++pass) {
    std::vector<std::thread> writers;
    std::atomic<int> failures{0};
    for (int w = 0; w < kWriters; ++w)
      writers.emplace_back([&, w] {
        auto h = open_history(location());
        if (!h.ok()) {
          ADD_FAILURE() << h.error().to_string();
          ++failures;
          return;
        }
        for (int i = 0; i < kRuns; ++i) {
          auto id = (*h)->record_run(keyed_run("w" + std::to_string(w) + "-" + std::to_string(i), kBenchmarks), clock_);
          if (!id.ok()) {
            ADD_FAILURE() << id.error().to_string();
            ++failures;
          }
        }
      });
    for (auto& w : writers) w.join();
    ASSERT_EQ(failures.load(), 0) << "pass " << pass;
    auto h = open();
    ASSERT_NE(h, nullptr);
    const std::set<std::string> keys = check_complete(*h, kBenchmarks * 3 * 2);
    EXPECT_EQ(keys.size(), static_cast<std::size_t>(kWriters * kRuns)) << "pass " << pass;
  }
}

// A writer process records big runs one after another and reports each id it
// committed; it is killed with SIGKILL in the middle of the next one.
TEST_P(HistoryWritersTest, AWriterKilledMidRecordLosesNothingCommitted) {
  ASSERT_NE(open(), nullptr);
  constexpr int kBenchmarks = 2000;  // 12,000 samples a run: recording takes a while
  int report[2];
  ASSERT_EQ(::pipe(report), 0);
  const pid_t parent = ::getpid();
  const pid_t writer = ::fork();
  ASSERT_GE(writer, 0);
  if (writer == 0) {
    ::setpgid(0, 0);
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(3);
    ::close(report[0]);
    auto h = open_history(location());
    if (!h.ok()) ::_exit(1);
    for (std::int64_t i = 0;; ++i) {
      auto id = (*h)->record_run(keyed_run("killed-" + std::to_string(i), kBenchmarks), RealClock::instance());
      if (!id.ok()) ::_exit(2);
      const std::int64_t committed = *id;
      if (::write(report[1], &committed, sizeof committed) != sizeof committed) ::_exit(4);
    }
  }
  ::close(report[1]);
  std::vector<std::int64_t> committed;
  std::int64_t id = 0;
  while (committed.size() < 3 && ::read(report[0], &id, sizeof id) == sizeof id) committed.push_back(id);
  // The next record has begun by now: the writer starts it right after reporting.
  ::usleep(20'000);
  ::kill(writer, SIGKILL);
  int status = 0;
  ASSERT_EQ(::waitpid(writer, &status, 0), writer);
  while (::read(report[0], &id, sizeof id) == sizeof id) committed.push_back(id);
  ::close(report[0]);
  ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "writer ended early: status " << status;
  ASSERT_GE(committed.size(), 3u);

  auto h = open();
  ASSERT_NE(h, nullptr);
  check_complete(*h, kBenchmarks * 3 * 2);
  auto runs = h->runs(1000);
  ASSERT_THAT(runs, IsOk());
  std::set<std::int64_t> stored;
  for (const RecordedRun& r : *runs) stored.insert(r.id);
  for (std::int64_t c : committed) EXPECT_TRUE(stored.contains(c)) << "committed run " << c << " lost";
  // At most the one run whose commit landed as the writer died is unreported.
  EXPECT_LE(stored.size(), committed.size() + 1);
  // And the store takes the next writer at once (no lock left behind).
  EXPECT_THAT(h->record_run(keyed_run("after", 1), clock_), IsOk());
}

INSTANTIATE_TEST_SUITE_P(Backends, HistoryWritersTest, ::testing::Values(Backend::kSqlite, Backend::kPostgresql),
                         backend_name);

}  // namespace
}  // namespace gauntlet::records::testing
