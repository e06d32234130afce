// What the benchmark history costs on each backend, side by side: SQLite (a
// file in a temp directory, the store's default settings: WAL journal) and
// PostgreSQL (one durable server this program starts, fsync,
// full_page_writes and synchronous_commit at PostgreSQL's defaults, a fresh
// database per store). It answers "what does moving a CI fleet's history to
// PostgreSQL cost per run recorded and per gate read" for the three things
// CI does with the history:
//  - BM_RecordRun/<backend>: `record_run` of one CI-sized run (500 benchmarks
//    x 10 repetitions x real_time and cpu_time = 10,000 samples, a new run key
//    each iteration) into a store already holding 10 such runs. items/s counts
//    samples recorded.
//  - BM_Trend/<backend>: `history_series` of one benchmark's real_time over a
//    1,000-run history (`gauntlet history trend`, a report's trend).
//  - BM_NoiseInputs/<backend>: `all_history_series` of cpu_time over the same
//    history: what the gate reads to learn noise.
// The 1,000-run history (each run 20 benchmarks x 10 repetitions x 2 metrics)
// is recorded once per backend, untimed, before its first read benchmark;
// PostgreSQL's is then VACUUM ANALYZEd, as autovacuum would have done by the
// time a real history is that long. Times are wall clock (UseRealTime): most
// of the work happens in the database server or the kernel, outside this
// process's CPU time. Fixed iteration counts keep the whole program within
// about two minutes on a 2-core machine. When PostgreSQL cannot start (not
// installed, say), its benchmarks are skipped with the reason as the error.
// Ratios between the backends are for the reader; nothing here asserts them.
#include <benchmark/benchmark.h>
#include <libpq-fe.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "gauntlet/harness/clock.h"
#include "gauntlet/records/history.h"
#include "gauntlet/records/history_series.h"
#include "gauntlet/records/history_store.h"
#include "records/tests/postgres_server.h"

namespace {

namespace fs = std::filesystem;
namespace records = gauntlet::records;
using records::testing::PostgresServer;

enum class Backend { kSqlite, kPostgresql };

constexpr int kRecordBenchmarks = 500;  // one CI run: 500 benchmarks x 10 repetitions x 2 metrics
constexpr int kTrendRuns = 1'000;       // the history the read benchmarks read
constexpr int kTrendBenchmarks = 20;
constexpr int kRepetitions = 10;
constexpr int kRunsBeforeRecording = 10;  // what BM_RecordRun's store holds before its first timed run

// One run: `benchmarks` benchmarks x kRepetitions x {real_time, cpu_time},
// values varying by benchmark, run and repetition.
records::HistoryRun make_run(const std::string& key, int run_index, int benchmarks) {
  records::HistoryRun run;
  run.run_key = key;
  run.git_revision = "rev" + std::to_string(run_index);
  run.label = "main";
  run.source = "bench.json";
  run.context = {"bench-host", 2, 2400, "release", "bench-machine"};
  run.samples.reserve(static_cast<std::size_t>(benchmarks) * kRepetitions * 2);
  for (int b = 0; b < benchmarks; ++b) {
    const std::string name = "BM_Operation" + std::to_string(b) + "/threads:" + std::to_string(1 << (b % 4));
    for (int r = 0; r < kRepetitions; ++r) {
      const double real = 1000.0 + 7.0 * b + 0.5 * ((run_index * 31 + r * 17 + b) % 23);
      run.samples.push_back({name, "real_time", r, real});
      run.samples.push_back({name, "cpu_time", r, real * 0.93});
    }
  }
  return run;
}

// The one PostgreSQL server, started on first use from the main thread (the
// one that runs the benchmarks and outlives the server: see PostgresServer).
struct Postgres {
  std::unique_ptr<PostgresServer> server;
  std::string error;  // why there is no server
};

std::optional<Postgres> started_postgres;  // engaged once a start was tried

Postgres& postgres() {
  if (!started_postgres) {
    Postgres& pg = started_postgres.emplace();
    auto started = PostgresServer::start(records::testing::PostgresServerOptions{.durable = true});
    if (started.ok()) {
      pg.server = std::move(started).value();
    } else {
      pg.error = "PostgreSQL server did not start: " + started.error().to_string();
    }
  }
  return *started_postgres;
}

// Runs `sql` on `uri`; the first value of its first row, or nullopt (with
// `error` set) when it fails.
std::optional<std::string> query(const std::string& uri, const std::string& sql, std::string& error) {
  PGconn* conn = PQconnectdb(uri.c_str());
  std::optional<std::string> out;
  if (PQstatus(conn) != CONNECTION_OK) {
    error = "connecting to " + uri + ": " + PQerrorMessage(conn);
  } else {
    PGresult* result = PQexec(conn, sql.c_str());
    const ExecStatusType status = PQresultStatus(result);
    if (status == PGRES_TUPLES_OK && PQntuples(result) > 0 && PQnfields(result) > 0) {
      out = PQgetvalue(result, 0, 0);
    } else if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) {
      out = "";
    } else {
      error = sql + ": " + PQresultErrorMessage(result);
    }
    PQclear(result);
  }
  PQfinish(conn);
  return out;
}

// An empty database on the durable server, after checking it is durable.
std::optional<std::string> new_postgres_database(std::string& error) {
  Postgres& pg = postgres();
  if (!pg.server) {
    error = pg.error;
    return std::nullopt;
  }
  auto database = pg.server->create_database();
  if (!database.ok()) {
    error = "create_database: " + database.error().to_string();
    return std::nullopt;
  }
  for (const char* setting : {"fsync", "full_page_writes", "synchronous_commit"}) {
    auto value = query(*database, std::string("SHOW ") + setting, error);
    if (!value) return std::nullopt;
    if (*value != "on") {
      error = std::string("the server is not durable: ") + setting + " = " + *value;
      return std::nullopt;
    }
  }
  return *database;
}

// A store of one backend, with what it was opened from; a SQLite store's
// directory goes with it.
struct Store {
  std::string location;
  fs::path directory;  // SQLite only
  std::unique_ptr<records::HistoryStore> history;
  gauntlet::ManualClock clock{1'700'000'000'000'000'000};
  int runs_recorded = 0;

  Store() = default;
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;
  ~Store() {
    history.reset();
    if (!directory.empty()) {
      std::error_code ec;
      fs::remove_all(directory, ec);
    }
  }
};

// A new empty store on `backend`; nullptr with `error` set when there is none.
std::unique_ptr<Store> open_store(Backend backend, const std::string& name, std::string& error) {
  auto store = std::make_unique<Store>();
  if (backend == Backend::kSqlite) {
    store->directory =
        fs::temp_directory_path() / ("gauntlet_bench_history_" + std::to_string(::getpid()) + "_" + name);
    std::error_code ec;
    fs::remove_all(store->directory, ec);
    store->location = (store->directory / "history.sqlite").string();
  } else {
    auto database = new_postgres_database(error);
    if (!database) return nullptr;
    store->location = *database;
  }
  auto opened = records::open_history(store->location);
  if (!opened.ok()) {
    error = "open_history: " + opened.error().to_string();
    return nullptr;
  }
  store->history = std::move(opened).value();
  return store;
}

// Records `count` runs of `benchmarks` benchmarks into `store`, untimed.
bool populate(Store& store, int count, int benchmarks, std::string& error) {
  for (int i = 0; i < count; ++i) {
    const int index = store.runs_recorded++;
    store.clock.advance(gauntlet::kNanosPerSecond);
    auto id = store.history->record_run(make_run("setup-" + std::to_string(index), index, benchmarks), store.clock);
    if (!id.ok()) {
      error = "record_run: " + id.error().to_string();
      return false;
    }
  }
  return true;
}

// The stores the benchmarks share, one of each kind per backend, made on first
// use and kept for the whole program (repetitions reuse them).
struct Shared {
  std::unique_ptr<Store> store;
  std::string error;
};

Shared& record_store(Backend backend) {
  static std::map<Backend, Shared> stores;
  auto [it, inserted] = stores.try_emplace(backend);
  if (inserted) {
    Shared& s = it->second;
    s.store = open_store(backend, "record", s.error);
    if (s.store && !populate(*s.store, kRunsBeforeRecording, kRecordBenchmarks, s.error)) s.store.reset();
  }
  return it->second;
}

Shared& trend_store(Backend backend) {
  static std::map<Backend, Shared> stores;
  auto [it, inserted] = stores.try_emplace(backend);
  if (inserted) {
    Shared& s = it->second;
    s.store = open_store(backend, "trend", s.error);
    if (s.store && !populate(*s.store, kTrendRuns, kTrendBenchmarks, s.error)) s.store.reset();
    if (s.store && backend == Backend::kPostgresql && !query(s.store->location, "VACUUM ANALYZE", s.error)) {
      s.store.reset();
    }
  }
  return it->second;
}

void BM_RecordRun(benchmark::State& state, Backend backend) {
  Shared& shared = record_store(backend);
  if (!shared.store) {
    state.SkipWithError(shared.error.c_str());
    return;
  }
  Store& store = *shared.store;
  std::int64_t samples = 0;
  for (auto _ : state) {
    state.PauseTiming();
    const int index = store.runs_recorded++;
    records::HistoryRun run = make_run("timed-" + std::to_string(index), index, kRecordBenchmarks);
    store.clock.advance(gauntlet::kNanosPerSecond);
    state.ResumeTiming();
    auto id = store.history->record_run(run, store.clock);
    if (!id.ok()) {
      state.SkipWithError(("record_run: " + id.error().to_string()).c_str());
      return;
    }
    samples += static_cast<std::int64_t>(run.samples.size());
  }
  state.SetItemsProcessed(samples);
}

void BM_Trend(benchmark::State& state, Backend backend) {
  Shared& shared = trend_store(backend);
  if (!shared.store) {
    state.SkipWithError(shared.error.c_str());
    return;
  }
  const std::string benchmark = "BM_Operation7/threads:8";
  for (auto _ : state) {
    auto series = records::history_series(*shared.store->history, benchmark, "real_time");
    if (!series.ok() || series->points.size() != static_cast<std::size_t>(kTrendRuns)) {
      state.SkipWithError(series.ok() ? "the trend does not hold every run"
                                      : ("history_series: " + series.error().to_string()).c_str());
      return;
    }
    benchmark::DoNotOptimize(series->points.data());
  }
}

void BM_NoiseInputs(benchmark::State& state, Backend backend) {
  Shared& shared = trend_store(backend);
  if (!shared.store) {
    state.SkipWithError(shared.error.c_str());
    return;
  }
  for (auto _ : state) {
    auto all = records::all_history_series(*shared.store->history, "cpu_time");
    if (!all.ok() || all->size() != static_cast<std::size_t>(kTrendBenchmarks)) {
      state.SkipWithError(all.ok() ? "not every benchmark's series came back"
                                   : ("all_history_series: " + all.error().to_string()).c_str());
      return;
    }
    benchmark::DoNotOptimize(all->data());
  }
}

// Each backend's benchmarks of one kind next to each other, SQLite first.
void register_benchmarks() {
  for (auto [backend, name] : {std::pair{Backend::kSqlite, "sqlite"}, std::pair{Backend::kPostgresql, "postgresql"}}) {
    benchmark::RegisterBenchmark((std::string("BM_RecordRun/") + name).c_str(), BM_RecordRun, backend)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime()
        ->Iterations(8);
  }
  for (auto [backend, name] : {std::pair{Backend::kSqlite, "sqlite"}, std::pair{Backend::kPostgresql, "postgresql"}}) {
    benchmark::RegisterBenchmark((std::string("BM_Trend/") + name).c_str(), BM_Trend, backend)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime()
        ->Iterations(20);
  }
  for (auto [backend, name] : {std::pair{Backend::kSqlite, "sqlite"}, std::pair{Backend::kPostgresql, "postgresql"}}) {
    benchmark::RegisterBenchmark((std::string("BM_NoiseInputs/") + name).c_str(), BM_NoiseInputs, backend)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime()
        ->Iterations(5);
  }
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  register_benchmarks();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  // The stores (static) close at exit, after the server: it is stopped here
  // (a fast shutdown ends their connections) and its directory removed.
  if (started_postgres) started_postgres->server.reset();
  return 0;
}
