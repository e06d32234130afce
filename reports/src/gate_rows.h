#pragma once
// The report's view of a gate result: one row per benchmark and per budget,
// with the numbers and words the gate's own outputs print.
#include <string>
#include <vector>

#include "gauntlet/records/gate_result.h"

namespace gauntlet::reports::detail {

/// One benchmark, baseline against current. change, ci_low and ci_high are
/// relative (ratio - 1) for bars and sorting; NaN when the gate could not
/// compute them. The texts are the gate's (records/gate_result_text.h).
struct ComparisonRow {
  std::string name;
  std::string unit;     ///< of baseline and current
  double baseline = 0;  ///< median of the baseline samples
  double current = 0;
  double change = 0;
  double ci_low = 0;
  double ci_high = 0;
  std::string baseline_text;  ///< "18.06 ns"; "-" without samples
  std::string current_text;
  std::string change_text;    ///< "+20.0%"
  std::string interval_text;  ///< "[+10.0%, +30.0%]"
  std::string verdict;        ///< "regressed", "improved", ...
  std::string reason;         ///< the gate's one-line explanation
  std::string quality;        ///< grade of the current run; "" when the gate graded none
};

/// A latency ceiling (unit "ns", metric the quantile), a throughput floor
/// (unit "ops/s", metric "throughput (<counter>)") or a memory budget of the
/// whole run (name "whole run", unit "bytes", metric "memory peak" or "memory
/// growth").
struct BudgetRow {
  std::string name;
  std::string metric;
  std::string unit;
  double limit = 0;
  double actual = 0;  ///< NaN when not measured
  bool passed = false;
  double margin = 0;  ///< share of the allowed value left; negative when over, NaN when not measured
  std::string actual_text, limit_text, margin_text;  ///< as the gate prints them ("23.4 ms", "-11.4%")
  std::string verdict;  ///< the gate's: "within", "breached", "too_few_samples", "not_measured"
  std::string reason;   ///< the gate's one-line explanation, when it gives one (memory budgets)
  /// A latency budget's 95% interval as the gate prints it ("[22.9 ms, 26.1 ms]",
  /// a side without a bound "unbounded"); "-" when none (and for other checks).
  std::string interval_text = "-";
  double interval_high = 0;  ///< its upper bound (for sorting); NaN when none or unbounded
  /// "within, but the 95% interval reaches 26.1 ms" when the interval reaches
  /// past the allowed value of a budget that is within; "" otherwise.
  std::string interval_note;
};

/// The benchmarks in the gate's order (regressions first).
std::vector<ComparisonRow> comparison_rows(const records::GateResult& g);

/// Latency budgets, then throughput floors, then memory budgets.
std::vector<BudgetRow> budget_rows(const records::GateResult& g);

}  // namespace gauntlet::reports::detail
