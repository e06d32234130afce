#include <algorithm>
#include <cmath>

#include "gauntlet/ci/gate.h"

namespace gauntlet::ci {
namespace {

// The worst repetition's counter `<q>_ns` of `operation` (a budget is a
// limit, not an average); the median aggregate when only aggregates exist.
double from_benchmarks(const BenchmarkFile& current, const std::string& operation, const std::string& q) {
  const std::string counter = q + "_ns";
  std::vector<double> values;
  double aggregate = std::nan("");
  for (const BenchmarkRow& row : current.rows) {
    if (row.run_name != operation || row.errored || row.skipped) continue;
    auto it = row.counters.find(counter);
    if (it == row.counters.end()) continue;
    if (row.run_type == RunType::kIteration) values.push_back(it->second);
    else if (row.aggregate_name == "median") aggregate = it->second;
  }
  return values.empty() ? aggregate : *std::max_element(values.begin(), values.end());
}

double quantile_of(const OperationLatency& op, const std::string& q) {
  return q == "p50" ? op.p50_ns : q == "p95" ? op.p95_ns : op.p99_ns;
}

}  // namespace

std::vector<BudgetCheck> check_budgets(const BenchmarkFile& current, const std::vector<LatencyBudget>& budgets,
                                       const std::vector<OperationLatency>& journals) {
  std::vector<BudgetCheck> out;
  for (const LatencyBudget& b : budgets) {
    const OperationLatency* journal = nullptr;
    for (const OperationLatency& op : journals) {
      if (op.operation == b.operation) journal = &op;  // the last journal naming it wins
    }
    const std::pair<std::string, double> quantiles[] = {{"p50", b.p50_ns}, {"p95", b.p95_ns}, {"p99", b.p99_ns}};
    for (const auto& [q, limit] : quantiles) {
      if (limit <= 0) continue;
      BudgetCheck c{b.operation, q, limit, b.tolerance_pct, 0, false};
      c.measured_ns = journal != nullptr ? quantile_of(*journal, q) : from_benchmarks(current, b.operation, q);
      c.breached = !(c.measured_ns <= limit * (1.0 + b.tolerance_pct / 100.0));  // NaN (not measured) breaches
      out.push_back(c);
    }
  }
  return out;
}

GateResult run_budget_gate(const GateConfig& config, const std::vector<OperationLatency>& journals) {
  GateResult out;
  out.metric = config.metric;
  out.alpha = config.alpha;
  out.seed = config.seed;
  std::vector<std::string> sources;  // each journal once, in order
  for (const OperationLatency& op : journals) {
    if (std::find(sources.begin(), sources.end(), op.source) != sources.end()) continue;
    sources.push_back(op.source);
    out.current_source += (out.current_source.empty() ? "" : ", ") + op.source;
  }
  out.budgets = check_budgets(BenchmarkFile{}, config.budgets, journals);
  for (const BudgetCheck& b : out.budgets) out.summary.budget_breaches += b.breached ? 1 : 0;
  if (config.budgets.empty()) out.warnings.push_back("no budgets configured: nothing was checked");
  out.passed = out.summary.budget_breaches == 0;
  return out;
}

}  // namespace gauntlet::ci
