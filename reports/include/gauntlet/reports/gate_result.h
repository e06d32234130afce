#pragma once
/// What reports read from a benchmark gate result (`"schema": "gauntlet.gate/1"`)
/// and from the benchmark history (SQLite) for trends.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "gauntlet/harness/error.h"

namespace gauntlet::reports {

/// One benchmark, baseline against current. `change` is relative
/// (current / baseline - 1); [ci_low, ci_high] is its confidence interval on the
/// same scale. Values the gate could not compute are NaN.
struct BenchmarkComparison {
  std::string name;
  std::string unit;  ///< unit of baseline/current, e.g. "ns"
  double baseline = 0;  ///< median of the baseline samples
  double current = 0;   ///< median of the current samples
  double change = 0;
  double ci_low = 0;
  double ci_high = 0;
  /// "regressed", "improved", "unchanged", "inconclusive", "new", "missing" or "errored"
  std::string verdict;
  std::string reason;  ///< the gate's one-line explanation
  /// Sample-quality grade of the current run ("good", "fair", "poor" or
  /// "none"; the gate's `quality`); empty when the gate result has none.
  std::string quality;
};

/// A budget: a latency ceiling (`actual` must not exceed `limit` plus
/// tolerance) or a throughput floor (unit "ops/s", metric "throughput ...").
struct BudgetCheck {
  std::string name;
  std::string metric;
  std::string unit;
  double limit = 0;
  double actual = 0;
  bool passed = false;
  /// The gate's margin: share of the allowed value left (ceilings) or above
  /// the allowed floor; negative when over. NaN when the gate did not write it.
  double margin = 0;
};

/// A change point the gate found in a benchmark's history series.
struct ChangePoint {
  std::string benchmark;
  std::size_t index = 0;  ///< position in the series, oldest = 0
  std::string revision;
};

struct GateResult {
  bool passed = false;
  std::string replay;  ///< command that re-runs the gate, may be empty
  std::string metric;  ///< e.g. "real_time"
  std::vector<std::string> warnings;  ///< the gate's own, e.g. different machines
  std::vector<BenchmarkComparison> comparisons;
  std::vector<BudgetCheck> budgets;
  std::vector<ChangePoint> change_points;
  std::string source;
};

/// Reads a parsed `gauntlet.gate/1` document (as the ci component writes it:
/// "verdict", "benchmarks" with ratio and its interval, "budgets" and
/// "throughput" (both as budgets), "quality" (grades of the comparisons),
/// "change_points"; unknown keys ignored,
/// null numbers read as NaN).
/// Errors: kSchemaError naming `source` and the JSON pointer of the field.
Result<GateResult> parse_gate_result(const nlohmann::json& doc, std::string_view source);

/// A benchmark's values over past runs (oldest first, the median of each run's
/// repetitions) with change points (indices into `values` where a new level starts).
struct HistorySeries {
  std::string benchmark;
  std::vector<double> values;
  std::vector<std::size_t> change_points;
};

/// Newest history schema (PRAGMA user_version) read_history understands: the
/// one `gauntlet history` writes.
inline constexpr int kHistorySchemaRead = 2;

/// Reads every series of one metric ("real_time" when present) from the ci
/// component's history database (tables runs, samples). Errors: kNotFound,
/// kSchemaError (not a history database, or a schema newer than
/// kHistorySchemaRead, refused as `gauntlet gate --history` refuses it), kIoError.
Result<std::vector<HistorySeries>> read_history(const std::filesystem::path& path);

}  // namespace gauntlet::reports
