// The gate config's absolute checks: `budgets:` (latency ceilings, throughput
// floors, sample minimums, the run's memory ceilings) and `ratios:` (overhead
// of one benchmark over another).
#include "config_reader.h"

namespace gauntlet::ci::detail {
namespace {

// Most MiB a memory budget may allow (about 9.5 TiB): more is a typo.
constexpr double kMaxMemoryMb = 1e7;

// A memory ceiling in MiB: positive, at most kMaxMemoryMb; 0 when absent.
Result<double> memory_mb(const ConfigReader& r, const YAML::Node& node, const char* key) {
  const YAML::Node v = node[key];
  if (!v) return 0.0;
  const std::string field = std::string("budgets.") + key;
  GAUNTLET_CI_CFG_TRY(x, r.number(v, field, 0, kMaxMemoryMb));
  if (x <= 0) return r.error(v, field, "must be above 0 MiB (leave it out for no limit)");
  return x;
}

Result<double> latency_ns(const ConfigReader& r, const YAML::Node& entry, const std::string& field,
                          const std::string& q) {
  static const std::pair<const char*, double> kUnits[] = {{"_ns", 1.0}, {"_us", 1e3}, {"_ms", 1e6}, {"_s", 1e9}};
  for (const auto& [suffix, scale] : kUnits) {
    if (const YAML::Node v = entry[q + suffix]) {
      GAUNTLET_CI_CFG_TRY(x, r.number(v, field + "." + q + suffix, 0, 1e300));
      return x * scale;
    }
  }
  return 0.0;
}

Result<LatencyBudget> read_operation(const ConfigReader& r, const std::string& name, const YAML::Node& node,
                                     double tolerance, int min_samples) {
  const std::string field = "budgets.operations." + name;
  if (!node.IsMap()) return r.error(node, field, "expected p50_ms/p95_ms/p99_ms limits or min_throughput");
  if (Status s = r.known_keys(
          node, field,
          {"p50_ns", "p50_us", "p50_ms", "p50_s", "p95_ns", "p95_us", "p95_ms", "p95_s", "p99_ns", "p99_us", "p99_ms",
           "p99_s", "tolerance_pct", "min_throughput", "throughput_counter", "min_samples"});
      !s.ok())
    return s.error();
  LatencyBudget b;
  b.operation = name;
  b.tolerance_pct = tolerance;
  b.min_samples = min_samples;
  GAUNTLET_CI_CFG_TRY(p50, latency_ns(r, node, field, "p50"));
  GAUNTLET_CI_CFG_TRY(p95, latency_ns(r, node, field, "p95"));
  GAUNTLET_CI_CFG_TRY(p99, latency_ns(r, node, field, "p99"));
  b.p50_ns = p50;
  b.p95_ns = p95;
  b.p99_ns = p99;
  if (const YAML::Node t = node["tolerance_pct"]) {
    GAUNTLET_CI_CFG_TRY(v, r.number(t, field + ".tolerance_pct", 0, 1000));
    b.tolerance_pct = v;
  }
  if (const YAML::Node t = node["min_throughput"]) {
    GAUNTLET_CI_CFG_TRY(v, r.number(t, field + ".min_throughput", 0, 1e300));
    b.min_throughput = v;
  }
  if (const YAML::Node t = node["throughput_counter"]) {
    GAUNTLET_CI_CFG_TRY(v, r.text(t, field + ".throughput_counter"));
    if (v.empty()) return r.error(t, field + ".throughput_counter", "expected a counter name");
    b.throughput_counter = v;
  }
  if (const YAML::Node t = node["min_samples"]) {
    GAUNTLET_CI_CFG_TRY(v, r.whole(t, field + ".min_samples", 0, 1'000'000'000));
    b.min_samples = v;
  }
  if (b.p50_ns == 0 && b.p95_ns == 0 && b.p99_ns == 0 && b.min_throughput == 0)
    return r.error(node, field, "no limit (expected p50_ms, p95_ms, p99_ms or min_throughput; _us, _ns, _s also work)");
  if (b.tolerance_pct >= 100 && b.min_throughput > 0)
    return r.error(node, field, "tolerance_pct must be below 100 for a min_throughput floor");
  return b;
}

}  // namespace

Result<BudgetsSection> read_budgets(const ConfigReader& r, const YAML::Node& node) {
  BudgetsSection out;
  if (!node.IsMap()) return r.error(node, "budgets", "expected a map with tolerance_pct and operations");
  if (Status s = r.known_keys(node, "budgets",
                              {"tolerance_pct", "min_samples", "max_memory_mb", "max_memory_growth_mb", "operations"});
      !s.ok())
    return s.error();
  GAUNTLET_CI_CFG_TRY(peak, memory_mb(r, node, "max_memory_mb"));
  GAUNTLET_CI_CFG_TRY(growth, memory_mb(r, node, "max_memory_growth_mb"));
  out.memory = {peak, growth};
  double tolerance = 10;
  if (const YAML::Node t = node["tolerance_pct"]) {
    GAUNTLET_CI_CFG_TRY(v, r.number(t, "budgets.tolerance_pct", 0, 1000));
    tolerance = v;
  }
  int min_samples = 0;
  if (const YAML::Node t = node["min_samples"]) {
    GAUNTLET_CI_CFG_TRY(v, r.whole(t, "budgets.min_samples", 0, 1'000'000'000));
    min_samples = v;
  }
  const YAML::Node ops = node["operations"];
  if (!ops && out.memory.any()) return out;  // memory budgets alone
  if (!ops || !ops.IsMap()) return r.error(ops ? ops : node, "budgets.operations", "expected a map of operation names");
  if (Status s = r.unique_keys(ops, "budgets.operations"); !s.ok()) return s.error();
  if (ops.size() > kMaxBudgets)
    return r.error(
        ops, "budgets.operations",
        "has " + std::to_string(ops.size()) + " entries; at most " + std::to_string(kMaxBudgets) + " are allowed");
  for (const auto& kv : ops) {
    GAUNTLET_CI_CFG_TRY(b, read_operation(r, kv.first.Scalar(), kv.second, tolerance, min_samples));
    out.operations.push_back(std::move(b));
  }
  return out;
}

Result<std::vector<RatioRule>> read_ratios(const ConfigReader& r, const YAML::Node& node) {
  std::vector<RatioRule> out;
  if (!node.IsSequence()) return r.error(node, "ratios", "expected a list of {numerator, denominator, max}");
  if (node.size() > kMaxRules)
    return r.error(
        node, "ratios",
        "has " + std::to_string(node.size()) + " entries; at most " + std::to_string(kMaxRules) + " are allowed");
  for (std::size_t i = 0; i < node.size(); ++i) {
    const std::string field = "ratios[" + std::to_string(i) + "]";
    const YAML::Node e = node[i];
    if (!e.IsMap()) return r.error(e, field, "expected {numerator: <run name>, denominator: <run name>, max: <ratio>}");
    if (Status s = r.known_keys(e, field, {"name", "numerator", "denominator", "max", "min", "metric"}); !s.ok())
      return s.error();
    RatioRule rule;
    for (auto [key, target] : {std::pair{"numerator", &rule.numerator}, {"denominator", &rule.denominator}}) {
      if (!e[key]) return r.error(e, field + "." + key, "missing (expected a benchmark run name)");
      GAUNTLET_CI_CFG_TRY(v, r.text(e[key], field + "." + key));
      if (v.empty()) return r.error(e[key], field + "." + key, "expected a benchmark run name");
      *target = v;
    }
    if (rule.numerator == rule.denominator)
      return r.error(e["denominator"], field + ".denominator", "is the numerator; a ratio needs two benchmarks");
    if (const YAML::Node v = e["max"]) {
      GAUNTLET_CI_CFG_TRY(x, r.number(v, field + ".max", 1e-9, 1e9));
      rule.max = x;
    }
    if (const YAML::Node v = e["min"]) {
      GAUNTLET_CI_CFG_TRY(x, r.number(v, field + ".min", 1e-9, 1e9));
      rule.min = x;
    }
    if (rule.max == 0 && rule.min == 0) return r.error(e, field, "no limit (expected max and/or min)");
    if (rule.max != 0 && rule.min != 0 && rule.min >= rule.max)
      return r.error(e["min"], field + ".min", "must be below max");
    if (const YAML::Node v = e["metric"]) {
      GAUNTLET_CI_CFG_TRY(m, r.text(v, field + ".metric"));
      if (m.empty()) return r.error(v, field + ".metric", "expected real_time, cpu_time or a counter name");
      rule.metric = m;
    }
    rule.name = rule.numerator + " / " + rule.denominator;
    if (const YAML::Node v = e["name"]) {
      GAUNTLET_CI_CFG_TRY(n, r.text(v, field + ".name"));
      if (!n.empty()) rule.name = n;
    }
    out.push_back(std::move(rule));
  }
  return out;
}

}  // namespace gauntlet::ci::detail
