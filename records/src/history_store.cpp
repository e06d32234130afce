// Which store a history location names.
#include "gauntlet/records/history_store.h"

#include "postgres_history.h"
#include "sqlite_history.h"

namespace gauntlet::records {

bool is_postgresql_location(const std::string& location) {
  return location.starts_with("postgresql://") || location.starts_with("postgres://");
}

Result<std::unique_ptr<HistoryStore>> open_history(const std::string& location, HistoryAccess access) {
  if (is_postgresql_location(location)) return detail::PostgresHistory::open(location, access);
  return detail::SqliteHistory::open(location, access);
}

}  // namespace gauntlet::records
