#pragma once
/// Trends as reports show them: a view of the benchmark history's series
/// (gauntlet/records/history_series.h), read through gauntlet::records.
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "gauntlet/harness/error.h"
#include "gauntlet/records/history.h"
#include "gauntlet/reports/gate_result.h"

namespace gauntlet::reports {

/// A benchmark's values over past runs: records::history_series of `metric`
/// (oldest first, the median of each run's repetitions), so a position in
/// `values` is what a gate's records::HistoryChangePoint::index means.
struct HistorySeries {
  std::string benchmark;
  std::vector<double> values;
  /// Indices into `values` where a new level starts, as far as known when the
  /// series was made (read_history knows none: the gates' are matched by
  /// change_points_for).
  std::vector<std::size_t> change_points;
  std::string metric;  ///< e.g. "real_time"
};

/// Newest history schema (PRAGMA user_version) read_history understands: the
/// one `gauntlet history` writes.
inline constexpr int kHistorySchemaRead = records::kHistorySchemaVersion;

/// Every series of one metric (records::default_history_metric: "real_time"
/// when recorded) of the history database at `path`, opened read-only.
/// Errors (records::open_history's): kNotFound, kSchemaError (not a history
/// database, or a schema newer than kHistorySchemaRead, refused as
/// `gauntlet gate --history` refuses it), kIoError.
Result<std::vector<HistorySeries>> read_history(const std::filesystem::path& path);

/// `series.change_points` and those of `gates` on the same benchmark and
/// metric (any gate's when `series.metric` is empty), sorted and without
/// repeats; indices past the series are dropped.
std::vector<std::size_t> change_points_for(const HistorySeries& series, const std::vector<GateInput>& gates);

}  // namespace gauntlet::reports
