#pragma once
/// The benchmark history record: runs with their context and git revision,
/// and every repetition's samples. Declared here, written and read only
/// through a HistoryStore (history_store.h); the per-run series every reader
/// shows is history_series (history_series.h). Schema: docs/gate.md.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace gauntlet::records {

/// Newest history schema version this build writes and reads (SQLite keeps it
/// in PRAGMA user_version, PostgreSQL in gauntlet.schema_version). Older
/// versions are migrated when opened for writing; newer ones are refused.
inline constexpr int kHistorySchemaVersion = 3;

/// Where `gauntlet history`, `gauntlet gate --history` and the demo keep it.
inline constexpr const char* kDefaultHistoryPath = ".gauntlet/history.sqlite";

/// The machine a run was measured on.
struct HistoryContext {
  std::string host_name;
  std::int64_t num_cpus = 0;
  double mhz_per_cpu = 0;
  std::string build_type;
  /// The machine class: runs with the same class are comparable, and the
  /// gate learns noise per class. Empty when recorded: `host_name` (one
  /// machine is one class); CI fleets name their runner type instead.
  std::string machine;
};

/// `context.machine`, or `context.host_name` when that is empty.
inline const std::string& machine_class(const HistoryContext& context) {
  return context.machine.empty() ? context.host_name : context.machine;
}

/// One measured value: a repetition of a benchmark's metric ("real_time",
/// "cpu_time" or a counter).
struct HistorySample {
  std::string benchmark;
  std::string metric;
  std::int64_t repetition = 0;
  double value = 0;
  friend bool operator==(const HistorySample&, const HistorySample&) = default;
};

/// A run to record. `git_revision` and `label` must be valid UTF-8; `source`
/// (the file it came from) is repaired to UTF-8. Non-finite sample values are
/// not recorded.
struct HistoryRun {
  /// Names the run across retries (a CI job id, say): recording a key that is
  /// already stored records nothing and returns the stored run's id. Empty:
  /// every record is a new run.
  std::string run_key;
  std::string git_revision;
  std::string label;
  std::string source;
  HistoryContext context;
  std::vector<HistorySample> samples;
};

/// A recorded run as read back (its samples: HistoryStore::samples).
struct RecordedRun {
  std::int64_t id = 0;
  std::int64_t recorded_at_ns = 0;  ///< wall time, Unix epoch
  std::string run_key;              ///< empty when recorded without one
  std::string git_revision;
  std::string label;
  std::string source;
  HistoryContext context;  ///< `machine` is always filled (machine_class)
};

/// One recorded value of a benchmark's metric with the run it belongs to.
struct RunValue {
  std::int64_t run_id = 0;
  std::string git_revision;
  double value = 0;
};

/// One run's median of a benchmark's metric.
struct SeriesPoint {
  std::int64_t run_id = 0;
  std::string git_revision;
  double median = 0;
  std::size_t repetitions = 0;
};

/// A benchmark's per-run medians of one metric, oldest run first. Positions
/// in `points` are what change-point indices (HistoryChangePoint::index) mean.
struct HistorySeries {
  std::string benchmark;
  std::string metric;
  std::vector<SeriesPoint> points;
};

}  // namespace gauntlet::records
