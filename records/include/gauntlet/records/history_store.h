#pragma once
/// Where the benchmark history lives. HistoryStore is what every reader and
/// writer of the history goes through; open_history opens one: a SQLite file
/// (the default: WAL journal and a busy timeout so several processes can
/// record at once) or a PostgreSQL database shared by a CI fleet. Both hold
/// the same versioned schema, migrated on open.
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

  /// What it was opened from: a file path, or a PostgreSQL URI without its
  /// password.
  virtual const std::string& location() const noexcept = 0;

  /// The schema version of the stored history.
  virtual int schema_version() const = 0;

  /// Records `run` in one transaction, stamped with `clock.wall_ns()`;
  /// returns the run id. A run whose `run_key` is already stored is not
  /// recorded again: the stored run's id comes back (also when another
  /// writer records the same key at the same time). kInvalidArgument when
  /// `run_key`, `git_revision` or `label` is not valid UTF-8 (nothing is
  /// recorded); kIoError when the store cannot be written (for example one
  /// opened read-only) or the connection is lost.
  virtual Result<std::int64_t> record_run(const HistoryRun& run, const Clock& clock) = 0;

  /// Newest runs first, at most `limit`. Text read back is always UTF-8
  /// (ill-formed bytes an older build stored come back as U+FFFD).
  virtual Result<std::vector<RecordedRun>> runs(int limit) const = 0;

  /// Benchmark names with samples for `metric`, sorted.
  virtual Result<std::vector<std::string>> benchmarks(const std::string& metric) const = 0;

  /// Metrics with samples, the one with most samples first (ties by name).
  virtual Result<std::vector<std::string>> metrics() const = 0;

  /// Every recorded value of one benchmark's metric with its run, in
  /// recording order (run id ascending); only runs of machine class
  /// `machine` unless it is empty. Readers want history_series.
  virtual Result<std::vector<RunValue>> values(const std::string& benchmark, const std::string& metric,
                                               const std::string& machine = {}) const = 0;

  /// The samples of one run, by benchmark, metric and repetition (what
  /// copy_history carries over). Empty for an unknown run id.
  virtual Result<std::vector<HistorySample>> samples(std::int64_t run_id) const = 0;
};

enum class HistoryAccess {
  kReadWrite,  ///< created (with its parent directory) when absent, migrated to kHistorySchemaVersion
  kReadOnly,   ///< must exist; never written or migrated
};

/// Whether `location` names a PostgreSQL database: a `postgresql://` or
/// `postgres://` URI. `postgresql://` alone connects with libpq's defaults,
/// that is the standard PG* environment variables (PGHOST, PGDATABASE, ...).
bool is_postgresql_location(const std::string& location);

/// Opens the history at `location`: a PostgreSQL URI (is_postgresql_location;
/// its tables live in the schema `gauntlet`), otherwise a SQLite file path.
/// Errors, each message starting with `location` (passwords left out):
///  - kNotFound: kReadOnly and no such file;
///  - kIoError / kUnavailable: the file cannot be opened or locked;
///  - kSchemaError: not a SQLite database (or a damaged one), a database
///    without the history's tables, or a schema version that is negative or
///    newer than kHistorySchemaVersion ("history schema version N is newer
///    than this gauntlet supports (3)");
///  - PostgreSQL: kUnavailable when the server cannot be reached or refuses
///    the connection (libpq's reason), kSchemaError as above for the
///    `gauntlet` schema, kIoError when a migration fails. kReadOnly opens
///    need the schema to exist (kNotFound otherwise) and run every query in
///    read-only transactions.
Result<std::unique_ptr<HistoryStore>> open_history(const std::string& location,
                                                   HistoryAccess access = HistoryAccess::kReadWrite);

/// What copy_history did.
struct HistoryCopy {
  std::size_t copied = 0;   ///< runs recorded into the destination
  std::size_t present = 0;  ///< runs the destination already held (same run key)
};

/// Copies every run of `from` into `to`, oldest first, keeping each run's
/// recording time, context and samples. A run recorded without a key is
/// given one ("copied:<recorded_at_ns>:<id>"), so copying the same history
/// again, or resuming a copy that stopped, records nothing twice. Errors: the
/// stores'.
Result<HistoryCopy> copy_history(const HistoryStore& from, HistoryStore& to);

}  // namespace gauntlet::records
