// Recording and reading runs in the SQLite history.
#include "sqlite_history.h"
#include "sqlite_statement.h"

#include "gauntlet/harness/utf8.h"

#include <sqlite3.h>

#include <algorithm>
#include <cmath>

namespace gauntlet::records::detail {
namespace {

// Text the user typed (a revision, a label) must be UTF-8: it is written into
// JSON later, and a repair would change what they recorded.
Status check_utf8(const std::string& text, const char* what) {
  const std::size_t bad = first_invalid_utf8(text);
  if (bad == std::string::npos) return Status::Ok();
  return Error(ErrorCode::kInvalidArgument,
               std::string(what) + " is not valid UTF-8 (ill-formed byte at offset " + std::to_string(bad) + ")");
}

// A query that does not compile names a table or column the file lacks.
Error read_error(sqlite3* db, const std::string& path, const Statement& st, const std::string& what) {
  if (!st.prepared())
    return Error(ErrorCode::kSchemaError, path + ": not a Gauntlet history database: " + sqlite3_errmsg(db));
  return sql_error(db, path, what);
}

}  // namespace

Result<std::int64_t> SqliteHistory::record_run(const HistoryRun& run, const Clock& clock) {
  if (Status s = check_utf8(run.git_revision, "revision"); !s.ok()) return s.error();
  if (Status s = check_utf8(run.label, "label"); !s.ok()) return s.error();
  sqlite3* db = db_.get();
  if (sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK)
    return sql_error(db, path_, "cannot start a write");
  auto rollback = [&](Error e) {
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    return e;
  };
  Statement row(db,
                "INSERT INTO runs(recorded_at_ns, git_revision, label, source, host_name, num_cpus, mhz_per_cpu,"
                " build_type) VALUES(?,?,?,?,?,?,?,?)");
  row.bind(1, std::int64_t{clock.wall_ns()})
      .bind(2, run.git_revision)
      .bind(3, run.label)
      .bind(4, sanitize_utf8(run.source))
      .bind(5, run.context.host_name)
      .bind(6, run.context.num_cpus)
      .bind(7, run.context.mhz_per_cpu)
      .bind(8, run.context.build_type);
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
  Statement st(db_.get(),
               "SELECT id, recorded_at_ns, git_revision, label, source, host_name FROM runs "
               "ORDER BY id DESC LIMIT ?");
  st.bind(1, std::int64_t{limit});
  std::vector<RecordedRun> out;
  while (st.ok() && st.step())
    out.push_back({st.int64_at(0), st.int64_at(1), st.text_at(2), st.text_at(3), st.text_at(4), st.text_at(5)});
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

Result<std::vector<RunValue>> SqliteHistory::values(const std::string& benchmark, const std::string& metric) const {
  Statement st(db_.get(),
               "SELECT s.run_id, r.git_revision, s.value FROM samples s JOIN runs r ON r.id = s.run_id "
               "WHERE s.benchmark = ? AND s.metric = ? ORDER BY s.run_id");
  st.bind(1, benchmark).bind(2, metric);
  std::vector<RunValue> out;
  while (st.ok() && st.step()) out.push_back({st.int64_at(0), st.text_at(1), st.double_at(2)});
  if (!st.ok()) return read_error(db_.get(), path_, st, "cannot read series");
  return out;
}

}  // namespace gauntlet::records::detail
