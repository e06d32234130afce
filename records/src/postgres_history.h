#pragma once
// The PostgreSQL history store: the same tables as the SQLite one, in the
// schema `gauntlet` (runs, samples, schema_version), so one database serves a
// CI fleet. One connection, used by one call at a time.
#include "pg_session.h"

#include "gauntlet/records/history_store.h"

#include <memory>
#include <mutex>
#include <string>

namespace gauntlet::records::detail {

class PostgresHistory final : public HistoryStore {
 public:
  /// Connects to `uri`, checks and (read-write) creates or migrates the schema.
  static Result<std::unique_ptr<HistoryStore>> open(const std::string& uri, HistoryAccess access);

  const std::string& location() const noexcept override { return location_; }
  int schema_version() const override { return version_; }
  Result<std::int64_t> record_run(const HistoryRun& run, const Clock& clock) override;
  Result<std::vector<RecordedRun>> runs(int limit) const override;
  Result<std::vector<std::string>> benchmarks(const std::string& metric) const override;
  Result<std::vector<std::string>> metrics() const override;
  Result<std::vector<RunValue>> values(const std::string& benchmark, const std::string& metric,
                                       const std::string& machine) const override;
  Result<std::vector<HistorySample>> samples(std::int64_t run_id) const override;

 private:
  PostgresHistory(std::string location, PgSession session)
      : location_(std::move(location)), session_(std::move(session)) {}
  Status migrate();
  Status check_read_only();
  Result<std::vector<std::string>> names(const char* what, const char* sql, const std::vector<PgParam>& params) const;

  std::string location_;
  mutable std::mutex mutex_;  // guards session_: libpq connections are not shared
  mutable PgSession session_;
  int version_ = 0;
};

}  // namespace gauntlet::records::detail
