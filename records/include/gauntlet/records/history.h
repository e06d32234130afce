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
/// in PRAGMA user_version). Older versions are migrated when opened for
/// writing; newer ones are refused.
inline constexpr int kHistorySchemaVersion = 2;

/// Where `gauntlet history`, `gauntlet gate --history` and the demo keep it.
inline constexpr const char* kDefaultHistoryPath = ".gauntlet/history.sqlite";

/// The machine a run was measured on.
struct HistoryContext {
  std::string host_name;
  std::int64_t num_cpus = 0;
  double mhz_per_cpu = 0;
  std::string build_type;
};

/// One measured value: a repetition of a benchmark's metric ("real_time",
/// "cpu_time" or a counter).
struct HistorySample {
  std::string benchmark;
  std::string metric;
  std::int64_t repetition = 0;
  double value = 0;
};

/// A run to record. `git_revision` and `label` must be valid UTF-8; `source`
/// (the file it came from) is repaired to UTF-8. Non-finite sample values are
/// not recorded.
struct HistoryRun {
  std::string git_revision;
  std::string label;
  std::string source;
  HistoryContext context;
  std::vector<HistorySample> samples;
};

/// A recorded run as read back.
struct RecordedRun {
  std::int64_t id = 0;
  std::int64_t recorded_at_ns = 0;  ///< wall time, Unix epoch
  std::string git_revision;
  std::string label;
  std::string source;
  std::string host_name;
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
