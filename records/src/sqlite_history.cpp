// Recording and reading runs in the SQLite history.
#include "history_checks.h"
#include "sqlite_history.h"
#include "sqlite_statement.h"

#include "gauntlet/harness/utf8.h"

#include <sqlite3.h>

#include <algorithm>
#include <cmath>

namespace gauntlet::records::detail {
namespace {

// A query that does not compile names a table or column the file lacks.
Error read_error(sqlite3* db, const std::string& path, const Statement& st, const std::string& what) {
  if (!st.prepared())
    return Error(ErrorCode::kSchemaError, path + ": not a Gauntlet history database: " + sqlite3_errmsg(db));
  return sql_error(db, path, what);
}

}  // namespace

Result<std::int64_t> SqliteHistory::record_run(const HistoryRun& run, const Clock& clock) {
  if (Status s = check_run_text(run); !s.ok()) return s.error();
  sqlite3* db = db_.get();
  // The write lock is held from here: a key looked up is still absent when
  // inserted.
  if (sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK)
    return sql_error(db, path_, "cannot start a write");
  auto rollback = [&](Error e) {
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    return e;
  };
  if (!run.run_key.empty()) {
    Statement known(db, "SELECT id FROM runs WHERE run_key = ?");
    known.bind(1, run.run_key);
    if (known.ok() && known.step()) {
      const std::int64_t id = known.int64_at(0);
      sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
      return id;
    }
    if (!known.ok()) return rollback(sql_error(db, path_, "cannot look up run key"));
  }
  Statement row(db,
                "INSERT INTO runs(recorded_at_ns, git_revision, label, source, host_name, num_cpus, mhz_per_cpu,"
                " build_type, run_key, machine) VALUES(?,?,?,?,?,?,?,?,?,?)");
  row.bind(1, std::int64_t{clock.wall_ns()})
      .bind(2, run.git_revision)
      .bind(3, run.label)
      .bind(4, sanitize_utf8(run.source))
      .bind(5, run.context.host_name)
      .bind(6, run.context.num_cpus)
      .bind(7, run.context.mhz_per_cpu)
      .bind(8, run.context.build_type)
      .bind_or_null(9, run.run_key)
      .bind(10, machine_class(run.context));
  if (!row.ok() || !row.done()) return rollback(sql_error(db, path_, "cannot record run"));
  const std::int64_t run_id = sqlite3_last_insert_rowid(db);
  Statement sample(db, "INSERT INTO samples(run_id, benchmark, metric, repetition, value) VALUES(?,?,?,?,?)");
  for (const HistorySample& s : run.samples) {
    if (!std::isfinite(s.value)) continue;
    sample.reset();
    sample.bind(1, run_id)
        .bind(2, s.benchmark)
        .bind(3, s.metric)
        .bind(4, std::max<std::int64_t>(s.repetition, 0))
        .bind(5, s.value);
    if (!sample.ok() || !sample.done()) return rollback(sql_error(db, path_, "cannot record samples"));
  }
  if (sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK)
    return rollback(sql_error(db, path_, "cannot commit run"));
  return run_id;
}

Result<std::vector<RecordedRun>> SqliteHistory::runs(int limit) const {
  // A read-only file of version 2 has neither run keys nor machine classes.
  const std::string sql = std::string(
                              "SELECT id, recorded_at_ns, git_revision, label, source, host_name, num_cpus,"
                              " mhz_per_cpu, build_type, ") +
                          (version_ >= 3 ? "run_key, machine" : "NULL, host_name") +
                          " FROM runs ORDER BY id DESC LIMIT ?";
  Statement st(db_.get(), sql.c_str());
  st.bind(1, std::int64_t{limit});
  std::vector<RecordedRun> out;
  while (st.ok() && st.step()) {
    RecordedRun r{st.int64_at(0), st.int64_at(1), st.text_at(9), st.text_at(2), st.text_at(3), st.text_at(4), {}};
    r.context = {st.text_at(5), st.int64_at(6), st.double_at(7), st.text_at(8), st.text_at(10)};
    if (r.context.machine.empty()) r.context.machine = r.context.host_name;
    out.push_back(std::move(r));
  }
  if (!st.ok()) return read_error(db_.get(), path_, st, "cannot read runs");
  return out;
}

Result<std::vector<std::string>> SqliteHistory::benchmarks(const std::string& metric) const {
  Statement st(db_.get(), "SELECT DISTINCT benchmark FROM samples WHERE metric = ? ORDER BY benchmark");
  st.bind(1, metric);
  std::vector<std::string> out;
  while (st.ok() && st.step()) out.push_back(st.text_at(0));
  if (!st.ok()) return read_error(db_.get(), path_, st, "cannot read benchmarks");
  return out;
}

Result<std::vector<std::string>> SqliteHistory::metrics() const {
  Statement st(db_.get(), "SELECT metric FROM samples GROUP BY metric ORDER BY COUNT(*) DESC, metric");
  std::vector<std::string> out;
  while (st.ok() && st.step()) out.push_back(st.text_at(0));
  if (!st.ok()) return read_error(db_.get(), path_, st, "cannot read metrics");
  return out;
}

Result<std::vector<RunValue>> SqliteHistory::values(const std::string& benchmark, const std::string& metric,
                                                    const std::string& machine) const {
  const std::string sql = std::string(
                              "SELECT s.run_id, r.git_revision, s.value FROM samples s JOIN runs r ON r.id = s.run_id "
                              "WHERE s.benchmark = ?1 AND s.metric = ?2 AND (?3 = '' OR ") +
                          (version_ >= 3 ? "r.machine" : "r.host_name") + " = ?3) ORDER BY s.run_id";
  Statement st(db_.get(), sql.c_str());
  st.bind(1, benchmark).bind(2, metric).bind(3, machine);
  std::vector<RunValue> out;
  while (st.ok() && st.step()) out.push_back({st.int64_at(0), st.text_at(1), st.double_at(2)});
  if (!st.ok()) return read_error(db_.get(), path_, st, "cannot read series");
  return out;
}

Result<std::vector<HistorySample>> SqliteHistory::samples(std::int64_t run_id) const {
  Statement st(db_.get(),
               "SELECT benchmark, metric, repetition, value FROM samples WHERE run_id = ? "
               "ORDER BY benchmark, metric, repetition, rowid");
  st.bind(1, run_id);
  std::vector<HistorySample> out;
  while (st.ok() && st.step()) out.push_back({st.text_at(0), st.text_at(1), st.int64_at(2), st.double_at(3)});
  if (!st.ok()) return read_error(db_.get(), path_, st, "cannot read samples");
  return out;
}

}  // namespace gauntlet::records::detail
