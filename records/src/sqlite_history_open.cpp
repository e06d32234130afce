// Opening the SQLite history: schema version checks and migrations.
#include "history_checks.h"
#include "sqlite_history.h"
#include "sqlite_statement.h"

#include <sqlite3.h>

#include <filesystem>

namespace gauntlet::records::detail {
namespace {

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
    // 2 -> 3: run keys (idempotent recording) and machine classes (noise per
    // class); a run recorded before then is of its host's class.
    "ALTER TABLE runs ADD COLUMN run_key TEXT;"
    "ALTER TABLE runs ADD COLUMN machine TEXT NOT NULL DEFAULT '';"
    "UPDATE runs SET machine = host_name;"
    "CREATE UNIQUE INDEX runs_by_key ON runs(run_key);"
    "CREATE INDEX runs_by_machine ON runs(machine, id);",
};
static_assert(std::size(kMigrations) == kHistorySchemaVersion);

constexpr int kBusyTimeoutMs = 10000;

Result<int> read_version(sqlite3* db, const std::string& path) {
  Statement st(db, "PRAGMA user_version");
  if (!st.ok() || !st.step()) return sql_error(db, path, "not a usable history database");
  return st.int_at(0);
}

Result<int> count(sqlite3* db, const std::string& path, const char* sql) {
  Statement st(db, sql);
  if (!st.ok() || !st.step()) return sql_error(db, path, "not a usable history database");
  return st.int_at(0);
}

}  // namespace

Error sql_error(sqlite3* db, const std::string& path, const std::string& what) {
  const int rc = sqlite3_errcode(db);
  const ErrorCode code = rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT ? ErrorCode::kSchemaError : ErrorCode::kIoError;
  return Error(code, path + ": " + what + ": " + sqlite3_errmsg(db));
}

void SqliteHistory::Closer::operator()(sqlite3* db) const { sqlite3_close_v2(db); }

Result<std::unique_ptr<HistoryStore>> SqliteHistory::open(const std::string& path, HistoryAccess access) {
  const bool writable = access == HistoryAccess::kReadWrite;
  std::error_code ec;
  if (writable) {
    const auto parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  } else if (!std::filesystem::exists(path, ec)) {
    return Error(ErrorCode::kNotFound, path + ": no such file");
  }
  const int flags =
      (writable ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY) | SQLITE_OPEN_FULLMUTEX;
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  std::unique_ptr<SqliteHistory> h(new SqliteHistory(path, raw));
  if (rc != SQLITE_OK)
    return Error(ErrorCode::kIoError, path + ": cannot open history database: " + sqlite3_errstr(rc));
  sqlite3_busy_timeout(raw, kBusyTimeoutMs);
  if (writable) {
    if (sqlite3_exec(raw, "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON;", nullptr, nullptr, nullptr) != SQLITE_OK)
      return sql_error(raw, path, "not a usable history database");
    if (Status s = h->migrate(); !s.ok()) return s.error();
  } else {
    Result<int> version = read_version(raw, path);
    if (!version.ok()) return version.error();
    if (Status s = check_schema_version(*version, path); !s.ok()) return s.error();
  }
  if (Status s = h->check_tables(); !s.ok()) return s.error();
  Result<int> version = read_version(raw, path);
  if (!version.ok()) return version.error();
  h->version_ = *version;
  return std::unique_ptr<HistoryStore>(std::move(h));
}

// Under a write lock so two processes never migrate at once.
Status SqliteHistory::migrate() {
  sqlite3* db = db_.get();
  if (sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK)
    return sql_error(db, path_, "cannot lock for migration");
  auto rollback = [&](Error e) {
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    return e;
  };
  Result<int> version = read_version(db, path_);
  if (!version.ok()) return rollback(version.error());
  if (Status s = check_schema_version(*version, path_); !s.ok()) return rollback(s.error());
  if (*version == 0) {
    // Version 0 is a new, empty file; one holding tables is someone else's.
    Result<int> tables = count(db, path_, "SELECT COUNT(*) FROM sqlite_master");
    if (!tables.ok()) return rollback(tables.error());
    if (*tables > 0) return rollback(not_history(path_, "it has tables but no history schema version"));
  }
  for (int v = *version; v < kHistorySchemaVersion; ++v) {
    if (sqlite3_exec(db, kMigrations[v], nullptr, nullptr, nullptr) != SQLITE_OK)
      return rollback(sql_error(db, path_, "migration to version " + std::to_string(v + 1) + " failed"));
  }
  const std::string set_version = "PRAGMA user_version=" + std::to_string(kHistorySchemaVersion);
  if (sqlite3_exec(db, set_version.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK ||
      sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK)
    return rollback(sql_error(db, path_, "cannot commit migration"));
  return Status::Ok();
}

Status SqliteHistory::check_tables() const {
  Result<int> tables = count(db_.get(), path_,
                             "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('runs', 'samples')");
  if (!tables.ok()) return tables.error();
  if (*tables != 2) return not_history(path_, "needs tables runs and samples");
  return Status::Ok();
}

int SqliteHistory::schema_version() const { return version_; }

}  // namespace gauntlet::records::detail
