// The ci component's history database: runs(id, ...) and
// samples(run_id, benchmark, metric, repetition, value).
#include <sqlite3.h>

#include <algorithm>
#include <map>
#include <memory>

#include "gauntlet/reports/gate_result.h"

namespace gauntlet::reports {
namespace {

using Db = std::unique_ptr<sqlite3, decltype(&sqlite3_close)>;
using Stmt = std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)>;

Result<Stmt> prepare(sqlite3* db, const char* sql, const std::string& source) {
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db, sql, -1, &raw, nullptr) != SQLITE_OK) {
    return Error(ErrorCode::kSchemaError, source + ": not a Gauntlet history database (needs table "
                                                   "samples(run_id, benchmark, metric, repetition, value)): " +
                                              sqlite3_errmsg(db));
  }
  return Stmt(raw, sqlite3_finalize);
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  std::size_t n = v.size();
  return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

}  // namespace

Result<std::vector<HistorySeries>> read_history(const std::filesystem::path& path) {
  const std::string source = path.string();
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return Error(ErrorCode::kNotFound, source + ": no such file");
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(source.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr);
  Db db(raw, sqlite3_close);
  if (rc != SQLITE_OK) return Error(ErrorCode::kIoError, source + ": cannot open: " + sqlite3_errstr(rc));
  sqlite3_busy_timeout(db.get(), 10000);
  // A newer schema may have moved what this reader expects: refuse it, as the gate does.
  Result<Stmt> version = prepare(db.get(), "PRAGMA user_version", source);
  if (!version) return version.error();
  if (sqlite3_step(version->get()) == SQLITE_ROW) {
    const int v = sqlite3_column_int(version->get(), 0);
    if (v > kHistorySchemaRead) {
      return Error(ErrorCode::kSchemaError, source + ": history schema version " + std::to_string(v) +
                                                " is newer than this gauntlet supports (" +
                                                std::to_string(kHistorySchemaRead) + ")");
    }
  } else {
    return Error(ErrorCode::kSchemaError, source + ": not a readable SQLite database: " + sqlite3_errmsg(db.get()));
  }

  // One metric: real_time when recorded, otherwise the most common one.
  Result<Stmt> metrics = prepare(
      db.get(), "SELECT metric FROM samples GROUP BY metric ORDER BY metric = 'real_time' DESC, COUNT(*) DESC LIMIT 1",
      source);
  if (!metrics) return metrics.error();
  if (sqlite3_step(metrics->get()) != SQLITE_ROW) return std::vector<HistorySeries>{};
  const auto* m = reinterpret_cast<const char*>(sqlite3_column_text(metrics->get(), 0));
  const std::string metric = m ? m : "";

  Result<Stmt> rows = prepare(
      db.get(), "SELECT benchmark, run_id, value FROM samples WHERE metric = ? ORDER BY benchmark, run_id", source);
  if (!rows) return rows.error();
  sqlite3_bind_text(rows->get(), 1, metric.c_str(), -1, SQLITE_TRANSIENT);
  std::vector<HistorySeries> out;
  std::string current;
  sqlite3_int64 run = -1;
  std::vector<double> reps;
  auto flush_run = [&] {
    if (!reps.empty()) out.back().values.push_back(median(reps));
    reps.clear();
  };
  while ((rc = sqlite3_step(rows->get())) == SQLITE_ROW) {
    const auto* name = reinterpret_cast<const char*>(sqlite3_column_text(rows->get(), 0));
    std::string benchmark = name ? name : "";
    sqlite3_int64 run_id = sqlite3_column_int64(rows->get(), 1);
    if (out.empty() || benchmark != current) {
      if (!out.empty()) flush_run();
      out.push_back(HistorySeries{benchmark, {}, {}});
      current = benchmark;
      run = run_id;
    } else if (run_id != run) {
      flush_run();
      run = run_id;
    }
    reps.push_back(sqlite3_column_double(rows->get(), 2));
  }
  if (!out.empty()) flush_run();
  if (rc != SQLITE_DONE) return Error(ErrorCode::kIoError, source + ": " + sqlite3_errmsg(db.get()));
  return out;
}

}  // namespace gauntlet::reports
