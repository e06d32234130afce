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
/// ((current - baseline) / baseline); [ci_low, ci_high] is its confidence interval.
struct BenchmarkComparison {
  std::string name;
  std::string unit;  ///< unit of baseline/current, e.g. "ns"
  double baseline = 0;
  double current = 0;
  double change = 0;
  double ci_low = 0;
  double ci_high = 0;
  std::string verdict;  ///< "regressed", "improved", "unchanged" or "inconclusive"
};

/// An absolute budget: `actual` must not exceed `limit`.
struct BudgetCheck {
  std::string name;
  std::string metric;
  std::string unit;
  double limit = 0;
  double actual = 0;
  bool passed = false;
};

struct GateResult {
  bool passed = false;
  std::string replay;  ///< command that re-runs the gate, may be empty
  std::vector<BenchmarkComparison> comparisons;
  std::vector<BudgetCheck> budgets;
  std::string source;
};

/// Reads a parsed `gauntlet.gate/1` document. Errors: kSchemaError naming
/// `source` and the JSON pointer of the offending field.
Result<GateResult> parse_gate_result(const nlohmann::json& doc, std::string_view source);

/// A benchmark's values over past runs (oldest first) with detected change points
/// (indices into `values` where a new level starts).
struct HistorySeries {
  std::string benchmark;
  std::vector<double> values;
  std::vector<std::size_t> change_points;
};

/// Reads every series from a history database. Errors: kNotFound, kSchemaError
/// (not a history database: names the missing table/column), kIoError.
Result<std::vector<HistorySeries>> read_history(const std::filesystem::path& path);

}  // namespace gauntlet::reports
