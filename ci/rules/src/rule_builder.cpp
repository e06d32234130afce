// The seed-001 alert set from budgets and breakers: one rule per budget
// quantile, per operation floor and per breaker state (docs/rules.md).
#include "gauntlet/ci/rules/rule_set.h"

#include "gauntlet/harness/breaker/state.h"
#include "rules_promql.h"

#include <fmt/format.h>

#include <filesystem>

namespace gauntlet::ci::rules {
namespace {

using detail::promql_number;
using detail::readable_ns;
using detail::selector;

struct Series {
  HistogramRef histogram;
  Matchers matchers;
};

Series series_for(const LatencyMapping& m, const std::string& operation) {
  auto it = m.overrides.find(operation);
  if (it != m.overrides.end()) return {it->second.histogram, it->second.matchers};
  return {m.histogram, {{m.label, operation}}};
}

AlertRule rule(const AlertsConfig& a, const std::string& alert, std::string expr, KeyValues identity,
               KeyValues annotations) {
  const AlertSettings& s = a.alerts.at(alert);
  AlertRule r{alert, std::move(expr), s.for_duration, {{"severity", s.severity}}, std::move(annotations)};
  r.labels.insert(r.labels.end(), identity.begin(), identity.end());
  return r;
}

void latency_rules(const LatencyBudget& b, const Series& s, const AlertsConfig& a, const std::string& budgets,
                   std::vector<AlertRule>& out) {
  struct Limit {
    const char* name;
    double q;
    double limit_ns;
  };
  const Limit limits[] = {{"p50", 0.5, b.p50_ns}, {"p95", 0.95, b.p95_ns}, {"p99", 0.99, b.p99_ns}};
  for (const auto& [name, q, limit_ns] : limits) {
    if (limit_ns <= 0) continue;
    const double threshold_ns = limit_ns * (1.0 + b.tolerance_pct / 100.0);
    const std::string expr = fmt::format("histogram_quantile({}, sum by (le) (rate({}[{}]))) > {}", promql_number(q),
                                         selector(s.histogram.metric + "_bucket", s.matchers), a.window,
                                         promql_number(threshold_ns * s.histogram.per_nanosecond));
    out.push_back(rule(
        a, "LatencyBudgetExceeded", expr, {{"operation", b.operation}, {"quantile", name}},
        {{"summary", fmt::format("{} {} latency above {} (budget {} + {}%)", b.operation, name,
                                 readable_ns(threshold_ns), readable_ns(limit_ns), promql_number(b.tolerance_pct))},
         {"description",
          fmt::format("The {} of {} over {}, from histogram buckets, exceeds the {} budget of {} "
                      "in {} with its tolerance.",
                      name, selector(s.histogram.metric, s.matchers), a.window, name, b.operation, budgets)}}));
  }
}

void activity_rules(const LatencyBudget& b, const Series& s, const AlertsConfig& a, std::vector<AlertRule>& out) {
  const std::string count = selector(s.histogram.metric + "_count", s.matchers);
  if (a.min_throughput_rps) {
    const std::string floor = promql_number(*a.min_throughput_rps);
    out.push_back(rule(a, "LowThroughput", fmt::format("sum(rate({}[{}])) < {}", count, a.window, floor),
                       {{"operation", b.operation}},
                       {{"summary", fmt::format("{} throughput below {}/s", b.operation, floor)},
                        {"description", fmt::format("Fewer than {} {} operations per second over {} (the count of "
                                                    "its latency histogram).",
                                                    floor, b.operation, a.window)}}));
  }
  if (a.idle) {
    out.push_back(rule(a, "NoActivity", fmt::format("sum(increase({}[{}])) == 0", count, *a.idle),
                       {{"operation", b.operation}},
                       {{"summary", fmt::format("no {} operations for {}", b.operation, *a.idle)},
                        {"description", fmt::format("The count of {} did not grow in {}.", count, *a.idle)}}));
  }
}

void breaker_rules(const BreakerEntry& e, const AlertsConfig& a, RuleSet& set, std::vector<AlertRule>& out) {
  const std::string state = selector(kBreakerStateMetric, {{"breaker", e.name}});
  const double wait_ns = static_cast<double>(e.config.wait_for_attempt(1));
  out.push_back(rule(a, "CircuitBreakerOpen",
                     fmt::format("{} == {}", state, breaker::state_gauge_value(breaker::State::kOpen)),
                     {{"breaker", e.name}},
                     {{"summary", fmt::format("circuit breaker {} is open", e.name)},
                      {"description", fmt::format("Calls through {} are rejected until its wait in OPEN ({}) is "
                                                  "over.",
                                                  e.name, readable_ns(wait_ns))}}));
  out.push_back(rule(a, "CircuitBreakerHalfOpen",
                     fmt::format("{} == {}", state, breaker::state_gauge_value(breaker::State::kHalfOpen)),
                     {{"breaker", e.name}},
                     {{"summary", fmt::format("circuit breaker {} is half-open", e.name)},
                      {"description", fmt::format("Breaker {} admits probe calls to test whether its dependency "
                                                  "recovered.",
                                                  e.name)}}));
  if (!e.recovery_sla_s) return;
  const std::string recovery = selector(kBreakerRecoveryMetric, {{"breaker", e.name}});
  const std::string sla = promql_number(*e.recovery_sla_s);
  out.push_back(rule(a, "CircuitBreakerSlowRecovery",
                     fmt::format("{} > {} and changes({}[{}]) > 0", recovery, sla, recovery, a.window),
                     {{"breaker", e.name}},
                     {{"summary", fmt::format("circuit breaker {} took longer than {}s to recover", e.name, sla)},
                      {"description", fmt::format("The last outage of {}, from OPEN to CLOSED, exceeded the {}s "
                                                  "recovery SLA; fires for {} after the recovery.",
                                                  e.name, sla, a.window)}}));
  if (*e.recovery_sla_s * 1e9 < wait_ns) {
    set.warnings.push_back(fmt::format(
        "{}: breakers.{}: recovery_sla_s {} is below the breaker's {} wait in OPEN: an outage lasts at least that "
        "wait, so every recovery breaches the SLA and CircuitBreakerSlowRecovery fires after each one",
        e.where, e.name, sla, readable_ns(wait_ns)));
  }
}

std::string file_name(const std::string& path) { return std::filesystem::path(path).filename().string(); }

}  // namespace

std::size_t RuleSet::rule_count() const {
  std::size_t n = 0;
  for (const RuleGroup& g : groups) n += g.rules.size();
  return n;
}

Result<RuleSet> build_rules(const std::vector<LatencyBudget>& budgets, const std::string& budgets_source,
                            const AlertsConfig& a) {
  const std::string budgets_name = budgets_source.empty() ? "no budgets" : file_name(budgets_source);
  if (!budgets.empty() && !a.latency) {
    return Error(ErrorCode::kSchemaError,
                 fmt::format("{}: latency: missing; {} has {} operation budget(s): name the histogram that holds "
                             "their latencies (latency: {{metric, label}})",
                             a.latency_where, budgets_name, budgets.size()));
  }
  if (a.latency) {
    for (const auto& [operation, o] : a.latency->overrides) {
      bool known = false;
      for (const LatencyBudget& b : budgets) known = known || b.operation == operation;
      if (!known) {
        return Error(ErrorCode::kSchemaError,
                     fmt::format("{}: latency.operations.{}: no budget for this operation in {}", o.where, operation,
                                 budgets_name));
      }
    }
  }
  RuleSet set;
  set.sources = budgets_source.empty() ? file_name(a.source) : budgets_name + " and " + file_name(a.source);
  RuleGroup latency{"gauntlet_latency_budgets", {}};
  RuleGroup breakers{"gauntlet_circuit_breakers", {}};
  RuleGroup activity{"gauntlet_activity", {}};
  for (const LatencyBudget& b : budgets) {
    const Series s = series_for(*a.latency, b.operation);
    latency_rules(b, s, a, budgets_name, latency.rules);
    activity_rules(b, s, a, activity.rules);
  }
  if (budgets.empty() && (a.min_throughput_rps || a.idle)) {
    set.warnings.push_back(
        fmt::format("{}: throughput and activity alerts are per budget operation, and {} names "
                    "none: no LowThroughput or NoActivity rules",
                    a.source, budgets_name));
  }
  for (const BreakerEntry& e : a.breakers) breaker_rules(e, a, set, breakers.rules);
  for (RuleGroup* g : {&latency, &breakers, &activity}) {
    if (!g->rules.empty()) set.groups.push_back(std::move(*g));
  }
  return set;
}

}  // namespace gauntlet::ci::rules
