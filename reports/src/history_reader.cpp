#include <sqlite3.h>

#include <map>
#include <memory>

#include "gauntlet/reports/gate_result.h"

namespace gauntlet::reports {
namespace {

using Db = std::unique_ptr<sqlite3, decltype(&sqlite3_close)>;
using Stmt = std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)>;

Result<Stmt> prepare(sqlite3* db, const std::string& sql, const std::string& source, const char* needs) {
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &raw, nullptr) != SQLITE_OK) {
    return Error(ErrorCode::kSchemaError, source + ": not a Gauntlet history database (needs " + needs +
                                              "): " + sqlite3_errmsg(db));
  }
  return Stmt(raw, sqlite3_finalize);
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

  Result<Stmt> values = prepare(db.get(), "SELECT benchmark, value FROM results ORDER BY benchmark, run_id",
                                source, "table results(run_id, benchmark, value)");
  if (!values) return values.error();
  std::vector<HistorySeries> out;
  std::map<std::string, std::size_t> index;
  while ((rc = sqlite3_step(values->get())) == SQLITE_ROW) {
    const auto* name = reinterpret_cast<const char*>(sqlite3_column_text(values->get(), 0));
    std::string benchmark = name ? name : "";
    auto [it, fresh] = index.emplace(benchmark, out.size());
    if (fresh) out.push_back(HistorySeries{benchmark, {}, {}});
    out[it->second].values.push_back(sqlite3_column_double(values->get(), 1));
  }
  if (rc != SQLITE_DONE) return Error(ErrorCode::kIoError, source + ": " + sqlite3_errmsg(db.get()));

  // Change points are optional: older databases have no such table.
  sqlite3_stmt* probe = nullptr;
  if (sqlite3_prepare_v2(db.get(), "SELECT benchmark, run_index FROM change_points ORDER BY benchmark, run_index",
                         -1, &probe, nullptr) == SQLITE_OK) {
    Stmt cps(probe, sqlite3_finalize);
    while (sqlite3_step(cps.get()) == SQLITE_ROW) {
      const auto* name = reinterpret_cast<const char*>(sqlite3_column_text(cps.get(), 0));
      auto it = index.find(name ? name : "");
      if (it == index.end()) continue;
      auto at = static_cast<std::size_t>(sqlite3_column_int64(cps.get(), 1));
      if (at < out[it->second].values.size()) out[it->second].change_points.push_back(at);
    }
  }
  return out;
}

}  // namespace gauntlet::reports
