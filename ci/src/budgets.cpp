#include <algorithm>
#include <cmath>
#include <limits>

#include "gauntlet/ci/gate.h"

namespace gauntlet::ci {
using records::BudgetCheck;
using records::GateResult;
using records::ThroughputCheck;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Measured {
  double value = kNaN;
  std::int64_t samples = -1;
  double low = kNaN;  ///< the quantile's 95% interval; NaN: no bound on that side
  double high = kNaN;
};

double counter_or_nan(const BenchmarkRow& row, const std::string& name) {
  auto it = row.counters.find(name);
  return it == row.counters.end() ? kNaN : it->second;
}

// The worst repetition's counter `<q>_ns` of `operation` (a budget is a
// limit, not an average) with that repetition's `latency_samples` and 95%
// interval (`<q>_ns_low`, `<q>_ns_high`, when LatencyRecorder wrote them); the
// median aggregate when only aggregates exist.
Measured latency_from_benchmarks(const BenchmarkFile& current, const std::string& operation, const std::string& q) {
  const std::string counter = q + "_ns";
  Measured worst, aggregate;
  for (const BenchmarkRow& row : current.rows) {
    if (row.run_name != operation || row.errored || row.skipped) continue;
    auto it = row.counters.find(counter);
    if (it == row.counters.end()) continue;
    auto n = row.counters.find("latency_samples");
    const Measured m{it->second, n == row.counters.end() ? -1 : static_cast<std::int64_t>(n->second),
                     counter_or_nan(row, counter + "_low"), counter_or_nan(row, counter + "_high")};
    if (row.run_type == RunType::kIteration) {
      if (std::isnan(worst.value) || m.value > worst.value) worst = m;
    } else if (row.aggregate_name == "median") {
      aggregate = m;
    }
  }
  return std::isnan(worst.value) ? aggregate : worst;
}

// The slowest repetition's `counter` (ops/s); samples = repetitions. The
// median aggregate (one sample) when only aggregates exist.
Measured throughput_from_benchmarks(const BenchmarkFile& current, const std::string& operation,
                                    const std::string& counter) {
  Measured slowest{kNaN, 0, kNaN, kNaN}, aggregate;
  for (const BenchmarkRow& row : current.rows) {
    if (row.run_name != operation || row.errored || row.skipped) continue;
    auto it = row.counters.find(counter);
    if (it == row.counters.end()) continue;
    if (row.run_type == RunType::kIteration) {
      slowest.value = std::isnan(slowest.value) ? it->second : std::min(slowest.value, it->second);
      ++slowest.samples;
    } else if (row.aggregate_name == "median") {
      aggregate = {it->second, 1, kNaN, kNaN};
    }
  }
  return slowest.samples > 0 ? slowest : aggregate;
}

double quantile_of(const OperationLatency& op, const std::string& q) {
  return q == "p50" ? op.p50_ns : q == "p95" ? op.p95_ns : op.p99_ns;
}

const OperationLatency* journal_for(const std::string& operation, const std::vector<OperationLatency>& journals) {
  const OperationLatency* found = nullptr;
  for (const OperationLatency& op : journals)
    if (op.operation == operation) found = &op;  // the last journal naming it wins
  return found;
}

std::int64_t completed_of(const OperationLatency& op) {
  return op.completed >= 0 ? static_cast<std::int64_t>(op.completed) : -1;
}

// "within", "breached", "too_few_samples" or "not_measured" (see BudgetCheck).
std::string_view budget_verdict(double measured, bool beyond_limit, std::int64_t samples, int min_samples) noexcept {
  if (std::isnan(measured)) return "not_measured";
  if (beyond_limit) return "breached";
  if (min_samples > 0 && samples < min_samples) return "too_few_samples";
  return "within";
}

}  // namespace

std::vector<BudgetCheck> check_budgets(const BenchmarkFile& current, const std::vector<LatencyBudget>& budgets,
                                       const std::vector<OperationLatency>& journals) {
  std::vector<BudgetCheck> out;
  for (const LatencyBudget& b : budgets) {
    const OperationLatency* journal = journal_for(b.operation, journals);
    const std::pair<std::string, double> quantiles[] = {{"p50", b.p50_ns}, {"p95", b.p95_ns}, {"p99", b.p99_ns}};
    for (const auto& [q, limit] : quantiles) {
      if (limit <= 0) continue;
      BudgetCheck c;
      c.operation = b.operation;
      c.quantile = q;
      c.limit_ns = limit;
      c.tolerance_pct = b.tolerance_pct;
      c.min_samples = b.min_samples;
      const Measured m = journal != nullptr ? Measured{quantile_of(*journal, q), completed_of(*journal), kNaN, kNaN}
                                            : latency_from_benchmarks(current, b.operation, q);
      c.measured_ns = m.value;
      c.samples = m.samples;
      c.ci_low_ns = m.low;
      c.ci_high_ns = m.high;
      c.allowed_ns = limit * (1.0 + b.tolerance_pct / 100.0);
      c.margin = (c.allowed_ns - c.measured_ns) / c.allowed_ns;  // NaN when not measured
      c.verdict = budget_verdict(c.measured_ns, c.measured_ns > c.allowed_ns, c.samples, c.min_samples);
      c.breached = c.verdict != "within";
      out.push_back(std::move(c));
    }
  }
  return out;
}

std::vector<ThroughputCheck> check_throughput(const BenchmarkFile& current, const std::vector<LatencyBudget>& budgets,
                                              const std::vector<OperationLatency>& journals) {
  std::vector<ThroughputCheck> out;
  for (const LatencyBudget& b : budgets) {
    if (b.min_throughput <= 0) continue;
    ThroughputCheck c;
    c.operation = b.operation;
    c.limit = b.min_throughput;
    c.tolerance_pct = b.tolerance_pct;
    c.min_samples = b.min_samples;
    Measured m;
    if (const OperationLatency* journal = journal_for(b.operation, journals)) {
      c.counter = "throughput_rps";
      m = {journal->throughput_rps, completed_of(*journal), kNaN, kNaN};
    } else {
      c.counter = b.throughput_counter;
      m = throughput_from_benchmarks(current, b.operation, b.throughput_counter);
    }
    c.measured = m.value;
    c.samples = m.samples;
    c.allowed = b.min_throughput * (1.0 - b.tolerance_pct / 100.0);
    c.margin = (c.measured - c.allowed) / c.allowed;
    c.verdict = budget_verdict(c.measured, c.measured < c.allowed, c.samples, c.min_samples);
    c.breached = c.verdict != "within";
    out.push_back(std::move(c));
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
  out.throughput = check_throughput(BenchmarkFile{}, config.budgets, journals);
  out.memory = check_memory(BenchmarkContext{}, config.memory, "");
  if (config.budgets.empty() && !config.memory.any())
    out.warnings.push_back("no budgets configured: nothing was checked");
  if (!config.ratios.empty())
    out.warnings.push_back("ratio rules need a benchmark run (--current): not checked against journals");
  tally(out, config);
  return out;
}

}  // namespace gauntlet::ci
