#include "gauntlet/ci/gate.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace gauntlet::ci {
namespace {

std::string caches_text(const std::vector<CacheInfo>& caches) {
  std::ostringstream s;
  for (const CacheInfo& c : caches) s << "L" << c.level << c.type.substr(0, 1) << "=" << c.size / 1024 << "K ";
  std::string out = s.str();
  if (!out.empty()) out.pop_back();
  return out;
}

}  // namespace

EnvironmentCheck compare_environments(const BenchmarkContext& a, const BenchmarkContext& b) {
  EnvironmentCheck out;
  auto differ = [&](const std::string& field, const std::string& x, const std::string& y, bool machine) {
    if (x == y) return;
    out.differences.push_back(field + ": " + (x.empty() ? "?" : x) + " vs " + (y.empty() ? "?" : y));
    if (machine) out.same_machine = false;
  };
  differ("host_name", a.host_name, b.host_name, true);
  differ("num_cpus", std::to_string(a.num_cpus), std::to_string(b.num_cpus), true);
  differ("caches", caches_text(a.caches), caches_text(b.caches), true);
  if (a.mhz_per_cpu > 0 && b.mhz_per_cpu > 0 &&
      std::fabs(a.mhz_per_cpu - b.mhz_per_cpu) > 0.05 * std::max(a.mhz_per_cpu, b.mhz_per_cpu))
    differ("mhz_per_cpu", std::to_string(static_cast<long>(a.mhz_per_cpu)),
           std::to_string(static_cast<long>(b.mhz_per_cpu)), true);
  // Our own build type (custom context "build_type", as Gauntlet's benchmark
  // executables record it): Debug against Release is no comparison either.
  auto build_type = [](const BenchmarkContext& c) {
    auto it = c.extra.find("build_type");
    return it == c.extra.end() ? std::string() : it->second;
  };
  differ("build_type", build_type(a), build_type(b), true);
  differ("library_build_type", a.library_build_type, b.library_build_type, false);
  auto scaling = [](const std::optional<bool>& s) { return s ? (*s ? "enabled" : "disabled") : ""; };
  differ("cpu_scaling", scaling(a.cpu_scaling_enabled), scaling(b.cpu_scaling_enabled), false);
  return out;
}

std::vector<BudgetCheck> check_budgets(const BenchmarkFile& current, const std::vector<LatencyBudget>& budgets) {
  std::vector<BudgetCheck> out;
  for (const LatencyBudget& b : budgets) {
    const std::pair<const char*, double> quantiles[] = {{"p50", b.p50_ns}, {"p95", b.p95_ns}, {"p99", b.p99_ns}};
    for (const auto& [q, limit] : quantiles) {
      if (limit <= 0) continue;
      const std::string counter = std::string(q) + "_ns";
      std::vector<double> values;
      double aggregate = std::nan("");
      for (const BenchmarkRow& row : current.rows) {
        if (row.run_name != b.operation || row.errored || row.skipped) continue;
        auto it = row.counters.find(counter);
        if (it == row.counters.end()) continue;
        if (row.run_type == RunType::kIteration) values.push_back(it->second);
        else if (row.aggregate_name == "median") aggregate = it->second;
      }
      BudgetCheck c{b.operation, q, limit, b.tolerance_pct, aggregate, false};
      if (!values.empty()) {
        // The worst repetition decides: a budget is a limit, not an average.
        c.measured_ns = *std::max_element(values.begin(), values.end());
      }
      c.breached = !(c.measured_ns <= limit * (1.0 + b.tolerance_pct / 100.0));
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace gauntlet::ci
