#pragma once
/// Where the benchmark history lives. HistoryStore is what every reader and
/// writer of the history goes through; open_history opens one (today a SQLite
/// file: WAL journal and a busy timeout so several processes can record at
/// once, versioned schema migrated on open).
#include "gauntlet/harness/clock.h"
#include "gauntlet/harness/error.h"
#include "gauntlet/records/history.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace gauntlet::records {

/// A benchmark history. Errors of every call name location().
class HistoryStore {
 public:
  virtual ~HistoryStore() = default;

  /// What it was opened from (a file path for SQLite).
  virtual const std::string& location() const noexcept = 0;

  /// The schema version of the stored history.
  virtual int schema_version() const = 0;

  /// Records `run` in one transaction, stamped with `clock.wall_ns()`;
  /// returns the run id. kInvalidArgument when `git_revision` or `label` is
  /// not valid UTF-8 (nothing is recorded); kIoError when the store cannot be
  /// written (for example one opened read-only).
  virtual Result<std::int64_t> record_run(const HistoryRun& run, const Clock& clock) = 0;

  /// Newest runs first, at most `limit`. Text read back is always UTF-8
  /// (ill-formed bytes an older build stored come back as U+FFFD).
  virtual Result<std::vector<RecordedRun>> runs(int limit) const = 0;

  /// Benchmark names with samples for `metric`, sorted.
  virtual Result<std::vector<std::string>> benchmarks(const std::string& metric) const = 0;

  /// Metrics with samples, the one with most samples first (ties by name).
  virtual Result<std::vector<std::string>> metrics() const = 0;

  /// Every recorded value of one benchmark's metric with its run, in
  /// recording order (run id ascending). Readers want history_series.
  virtual Result<std::vector<RunValue>> values(const std::string& benchmark, const std::string& metric) const = 0;
};

enum class HistoryAccess {
  kReadWrite,  ///< created (with its parent directory) when absent, migrated to kHistorySchemaVersion
  kReadOnly,   ///< must exist; never written or migrated
};

/// Opens the history at `location` (a SQLite file path).
/// Errors, each message starting with `location`:
///  - kNotFound: kReadOnly and no such file;
///  - kIoError / kUnavailable: the file cannot be opened or locked;
///  - kSchemaError: not a SQLite database (or a damaged one), a database
///    without the history's tables, or a schema version that is negative or
///    newer than kHistorySchemaVersion ("history schema version N is newer
///    than this gauntlet supports (2)").
Result<std::unique_ptr<HistoryStore>> open_history(const std::string& location,
                                                   HistoryAccess access = HistoryAccess::kReadWrite);

}  // namespace gauntlet::records
