#include "gauntlet/ci/history.h"

#include "gauntlet/harness/stats/change_point.h"
#include "gauntlet/harness/stats/location_shift.h"
#include "gauntlet/harness/stats/noise_interval.h"
#include "gauntlet/harness/utf8.h"
#include "sqlite_statement.h"

#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

namespace gauntlet::ci {
namespace {

using detail::Statement;

// Migration i brings the schema from version i to i + 1.
constexpr const char* kMigrations[] = {
    // 0 -> 1: runs and their samples.
    "CREATE TABLE runs(id INTEGER PRIMARY KEY AUTOINCREMENT, recorded_at_ns INTEGER NOT NULL,"
    " git_revision TEXT NOT NULL DEFAULT '', label TEXT NOT NULL DEFAULT '', source TEXT NOT NULL DEFAULT '',"
    " host_name TEXT NOT NULL DEFAULT '', num_cpus INTEGER NOT NULL DEFAULT 0, mhz_per_cpu REAL NOT NULL DEFAULT 0,"
    " build_type TEXT NOT NULL DEFAULT '');"
    "CREATE TABLE samples(run_id INTEGER NOT NULL REFERENCES runs(id), benchmark TEXT NOT NULL,"
    " metric TEXT NOT NULL, repetition INTEGER NOT NULL, value REAL NOT NULL);",
    // 1 -> 2: series lookups by benchmark.
    "CREATE INDEX samples_by_benchmark ON samples(benchmark, metric, run_id);",
};

// A file that is not a database, or a damaged one, is bad input (exit 2);
// anything else (a full disk, a lock held too long) is the environment's.
Error sql_error(sqlite3* db, const std::string& path, const std::string& what) {
  const int rc = sqlite3_errcode(db);
  const ErrorCode code = rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT ? ErrorCode::kSchemaError : ErrorCode::kIoError;
  return Error(code, path + ": " + what + ": " + sqlite3_errmsg(db));
}

// Text the user typed (--revision, --label) must be UTF-8: it is written into
// JSON later, and a repair would change what they recorded.
Status check_utf8(const std::string& text, const char* what) {
  const std::size_t bad = first_invalid_utf8(text);
  if (bad == std::string::npos) return {};
  return Error(ErrorCode::kInvalidArgument,
               std::string(what) + " is not valid UTF-8 (ill-formed byte at offset " + std::to_string(bad) + ")");
}

}  // namespace

void History::Closer::operator()(sqlite3* db) const { sqlite3_close_v2(db); }

Result<History> History::open(const std::string& path) {
  std::error_code ec;
  const auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                                 nullptr);
  History h(path, raw);
  if (rc != SQLITE_OK) return Error(ErrorCode::kIoError, path + ": cannot open history database: " + sqlite3_errstr(rc));
  sqlite3_busy_timeout(raw, 10000);
  char* msg = nullptr;
  if (sqlite3_exec(raw, "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON;", nullptr, nullptr, &msg) != SQLITE_OK) {
    sqlite3_free(msg);
    return sql_error(raw, path, "not a usable history database");
  }
  // Migrate under a write lock so two processes never migrate at once.
  if (sqlite3_exec(raw, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK)
    return sql_error(raw, path, "cannot lock for migration");
  int version = h.schema_version();
  if (version < 0) {  // user_version is signed; a negative one indexes no migration
    sqlite3_exec(raw, "ROLLBACK", nullptr, nullptr, nullptr);
    return Error(ErrorCode::kSchemaError,
                 path + ": history schema version " + std::to_string(version) + " is not one this gauntlet knows");
  }
  if (version > kHistorySchemaVersion) {
    sqlite3_exec(raw, "ROLLBACK", nullptr, nullptr, nullptr);
    return Error(ErrorCode::kSchemaError, path + ": history schema version " + std::to_string(version) +
                                              " is newer than this gauntlet supports (" +
                                              std::to_string(kHistorySchemaVersion) + ")");
  }
  for (; version < kHistorySchemaVersion; ++version) {
    if (sqlite3_exec(raw, kMigrations[version], nullptr, nullptr, nullptr) != SQLITE_OK) {
      Error e = sql_error(raw, path, "migration to version " + std::to_string(version + 1) + " failed");
      sqlite3_exec(raw, "ROLLBACK", nullptr, nullptr, nullptr);
      return e;
    }
  }
  const std::string set_version = "PRAGMA user_version=" + std::to_string(kHistorySchemaVersion);
  if (sqlite3_exec(raw, set_version.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK ||
      sqlite3_exec(raw, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) {
    Error e = sql_error(raw, path, "cannot commit migration");
    sqlite3_exec(raw, "ROLLBACK", nullptr, nullptr, nullptr);
    return e;
  }
  return h;
}

int History::schema_version() const {
  Statement st(db_.get(), "PRAGMA user_version");
  return st.ok() && st.step() ? st.int_at(0) : -1;
}

Result<std::int64_t> History::record_run(const BenchmarkFile& file, const std::string& git_revision,
                                         const std::string& label, const Clock& clock) {
  if (Status s = check_utf8(git_revision, "revision"); !s.ok()) return s.error();
  if (Status s = check_utf8(label, "label"); !s.ok()) return s.error();
  sqlite3* db = db_.get();
  if (sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK)
    return sql_error(db, path_, "cannot start a write");
  auto rollback = [&](Error e) {
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    return e;
  };
  Statement run(db, "INSERT INTO runs(recorded_at_ns, git_revision, label, source, host_name, num_cpus, mhz_per_cpu,"
                    " build_type) VALUES(?,?,?,?,?,?,?,?)");
  run.bind(1, clock.wall_ns()).bind(2, git_revision).bind(3, label).bind(4, sanitize_utf8(file.source))
      .bind(5, file.context.host_name).bind(6, std::int64_t{file.context.num_cpus})
      .bind(7, file.context.mhz_per_cpu).bind(8, file.context.library_build_type);
  if (!run.ok() || !run.done()) return rollback(sql_error(db, path_, "cannot record run"));
  const std::int64_t run_id = sqlite3_last_insert_rowid(db);
  Statement sample(db, "INSERT INTO samples(run_id, benchmark, metric, repetition, value) VALUES(?,?,?,?,?)");
  for (const BenchmarkRow& row : file.rows) {
    if (row.run_type != RunType::kIteration || row.errored || row.skipped) continue;
    std::vector<std::pair<std::string, double>> values{{"real_time", row.real_time_ns}, {"cpu_time", row.cpu_time_ns}};
    for (const auto& kv : row.counters) values.emplace_back(kv.first, kv.second);
    for (const auto& [metric, value] : values) {
      if (!std::isfinite(value)) continue;
      sample.reset();
      sample.bind(1, run_id).bind(2, row.run_name).bind(3, metric).bind(4, std::max<std::int64_t>(row.repetition_index, 0))
          .bind(5, value);
      if (!sample.ok() || !sample.done()) return rollback(sql_error(db, path_, "cannot record samples"));
    }
  }
  if (sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK)
    return rollback(sql_error(db, path_, "cannot commit run"));
  return run_id;
}

Result<std::vector<RunRecord>> History::runs(int limit) const {
  Statement st(db_.get(), "SELECT id, recorded_at_ns, git_revision, label, source, host_name FROM runs "
                          "ORDER BY id DESC LIMIT ?");
  st.bind(1, std::int64_t{limit});
  std::vector<RunRecord> out;
  while (st.ok() && st.step())
    out.push_back({st.int64_at(0), st.int64_at(1), st.text_at(2), st.text_at(3), st.text_at(4), st.text_at(5)});
  if (!st.ok()) return sql_error(db_.get(), path_, "cannot read runs");
  return out;
}

Result<std::vector<std::string>> History::benchmarks(const std::string& metric) const {
  Statement st(db_.get(), "SELECT DISTINCT benchmark FROM samples WHERE metric = ? ORDER BY benchmark");
  st.bind(1, metric);
  std::vector<std::string> out;
  while (st.ok() && st.step()) out.push_back(st.text_at(0));
  if (!st.ok()) return sql_error(db_.get(), path_, "cannot read benchmarks");
  return out;
}

Result<std::vector<SeriesPoint>> History::series(const std::string& benchmark, const std::string& metric) const {
  Statement st(db_.get(), "SELECT s.run_id, r.git_revision, s.value FROM samples s JOIN runs r ON r.id = s.run_id "
                          "WHERE s.benchmark = ? AND s.metric = ? ORDER BY s.run_id");
  st.bind(1, benchmark).bind(2, metric);
  std::vector<SeriesPoint> out;
  std::vector<double> values;
  auto flush = [&] {
    if (values.empty()) return;
    out.back().median = stats::median(values);
    out.back().repetitions = values.size();
    values.clear();
  };
  while (st.ok() && st.step()) {
    const std::int64_t run_id = st.int64_at(0);
    if (out.empty() || out.back().run_id != run_id) {
      flush();
      out.push_back({run_id, st.text_at(1), 0, 0});
    }
    values.push_back(st.double_at(2));
  }
  flush();
  if (!st.ok()) return sql_error(db_.get(), path_, "cannot read series");
  return out;
}

Result<NoiseModel> History::noise_model(const std::string& metric, int window, int min_runs,
                                        double quantile) const {
  auto names = benchmarks(metric);
  if (!names.ok()) return names.error();
  NoiseModel model;
  for (const std::string& name : *names) {
    auto s = series(name, metric);
    if (!s.ok()) return s.error();
    // Real time on a busy machine holds the time spent waiting for a CPU:
    // evidence the gate weighs per comparison (real/cpu of both sides), not
    // noise of the code. Its noise is learned from the cpu time of the same
    // runs when every run has it.
    if (metric == "real_time") {
      auto cpu = series(name, "cpu_time");
      if (!cpu.ok()) return cpu.error();
      if (cpu->size() == s->size()) s = std::move(cpu);
    }
    if (static_cast<int>(s->size()) < min_runs) continue;
    std::vector<double> medians;
    const std::size_t from = s->size() > static_cast<std::size_t>(window) ? s->size() - static_cast<std::size_t>(window) : 0;
    for (std::size_t i = from; i < s->size(); ++i) medians.push_back((*s)[i].median);
    // Robust and in log units: a step in the series (a real change on main)
    // adds one difference, a minority of contaminated runs a few; heavy tails
    // are the gate's noise_tail_df, not this estimate's.
    const double sigma = stats::robust_log_sigma(medians, quantile);
    if (std::isfinite(sigma)) model.between_run_sigma[name] = sigma;
  }
  return model;
}

Result<std::vector<HistoryChangePoint>> History::change_points(const std::string& metric, std::uint64_t seed) const {
  auto names = benchmarks(metric);
  if (!names.ok()) return names.error();
  std::vector<HistoryChangePoint> out;
  for (const std::string& name : *names) {
    auto s = series(name, metric);
    if (!s.ok()) return s.error();
    if (s->size() < 10) continue;
    std::vector<double> medians;
    for (const SeriesPoint& p : *s) medians.push_back(p.median);
    auto cps = stats::detect_change_points(medians, {.seed = seed});
    if (!cps.ok()) return cps.error().with_context(name);
    for (const stats::ChangePoint& cp : *cps)
      out.push_back({name, cp.index, (*s)[cp.index].git_revision, cp.mean_before, cp.mean_after});
  }
  return out;
}

}  // namespace gauntlet::ci
