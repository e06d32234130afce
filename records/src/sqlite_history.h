#pragma once
// The SQLite history store: tables runs(id, recorded_at_ns, git_revision,
// label, source, host_name, num_cpus, mhz_per_cpu, build_type, run_key,
// machine) and samples(run_id, benchmark, metric, repetition, value).
#include "gauntlet/records/history_store.h"

#include <memory>
#include <string>

struct sqlite3;

namespace gauntlet::records::detail {

class SqliteHistory final : public HistoryStore {
 public:
  /// Opens, checks and (read-write) migrates the database at `path`.
  static Result<std::unique_ptr<HistoryStore>> open(const std::string& path, HistoryAccess access);

  const std::string& location() const noexcept override { return path_; }
  int schema_version() const override;
  Result<std::int64_t> record_run(const HistoryRun& run, const Clock& clock) override;
  Result<std::vector<RecordedRun>> runs(int limit) const override;
  Result<std::vector<std::string>> benchmarks(const std::string& metric) const override;
  Result<std::vector<std::string>> metrics() const override;
  Result<std::vector<RunValue>> values(const std::string& benchmark, const std::string& metric,
                                       const std::string& machine) const override;
  Result<std::vector<HistorySample>> samples(std::int64_t run_id) const override;

 private:
  struct Closer {
    void operator()(sqlite3* db) const;
  };
  SqliteHistory(std::string path, sqlite3* db) : path_(std::move(path)), db_(db) {}
  Status migrate();
  Status check_tables() const;

  std::string path_;
  std::unique_ptr<sqlite3, Closer> db_;
  int version_ = 0;  ///< as opened (a read-only file may be older: no run_key, machine)
};

/// `path: what: <SQLite's message>`: kSchemaError when the file is not a
/// database or is damaged (bad input), kIoError otherwise (the environment's).
Error sql_error(sqlite3* db, const std::string& path, const std::string& what);

}  // namespace gauntlet::records::detail
