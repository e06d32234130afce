// Rules from budgets and an alerts file: the exact PromQL of each alert, the
// mapping of operations to series, cross-file errors and warnings.
#include "gauntlet/ci/rules/rule_set.h"
#include "gauntlet/harness/breaker/circuit_breaker.h"
#include "gauntlet/harness/breaker/metrics_binding.h"
#include "gauntlet/harness/metrics/registry.h"

#include <gtest/gtest.h>

#include "gauntlet/harness/testing/status_matchers.h"

namespace gauntlet::ci::rules {
namespace {

AlertsConfig alerts(const std::string& text) {
  auto c = parse_alerts_config(text, "dir/alerts.yaml");
  EXPECT_TRUE(c.ok()) << c.error().message();
  return c.ok() ? *c : AlertsConfig{};
}

LatencyBudget budget(const std::string& op, double p95_ms, double p99_ms = 0, double tolerance = 10) {
  LatencyBudget b;
  b.operation = op;
  b.p95_ns = p95_ms * 1e6;
  b.p99_ns = p99_ms * 1e6;
  b.tolerance_pct = tolerance;
  return b;
}

const AlertRule& find(const RuleSet& set, const std::string& alert, const std::string& label_value) {
  for (const RuleGroup& g : set.groups) {
    for (const AlertRule& r : g.rules) {
      if (r.alert != alert) continue;
      for (const auto& [k, v] : r.labels) {
        if (k != "severity" && k != "quantile" && v == label_value) return r;
      }
    }
  }
  throw std::runtime_error("no " + alert + " for " + label_value);
}

TEST(RuleBuilderTest, LatencyAlertsAreTheBudgetWithItsToleranceOverHistogramBuckets) {
  const AlertsConfig a = alerts("latency: {metric: pipeline_latency_seconds, label: node}\n");
  auto set = build_rules({budget("embedding", 50, 80), budget("sanitization", 2.0, 0, 5)}, "x/gate.yaml", a);
  ASSERT_TRUE(set.ok()) << set.error().message();
  EXPECT_EQ(set->sources, "gate.yaml and alerts.yaml");
  ASSERT_EQ(set->groups.size(), 1u);
  EXPECT_EQ(set->groups[0].name, "gauntlet_latency_budgets");
  ASSERT_EQ(set->groups[0].rules.size(), 3u);
  const AlertRule& p95 = set->groups[0].rules[0];
  EXPECT_EQ(p95.alert, "LatencyBudgetExceeded");
  EXPECT_EQ(p95.expr,
            "histogram_quantile(0.95, sum by (le) (rate(pipeline_latency_seconds_bucket{node=\"embedding\"}[5m]))) "
            "> 0.055");
  EXPECT_EQ(p95.for_duration, "5m");
  EXPECT_EQ(p95.labels, (KeyValues{{"severity", "warning"}, {"operation", "embedding"}, {"quantile", "p95"}}));
  EXPECT_EQ(p95.annotations.at(0).second, "embedding p95 latency above 55ms (budget 50ms + 10%)");
  EXPECT_EQ(set->groups[0].rules[1].expr,
            "histogram_quantile(0.99, sum by (le) (rate(pipeline_latency_seconds_bucket{node=\"embedding\"}[5m]))) "
            "> 0.088");
  EXPECT_EQ(set->groups[0].rules[2].expr,
            "histogram_quantile(0.95, sum by (le) (rate(pipeline_latency_seconds_bucket{node=\"sanitization\"}[5m]))) "
            "> 0.0021");
}

TEST(RuleBuilderTest, OverridesNameAnotherHistogramOrSelector) {
  const AlertsConfig a = alerts(
      "window: 1m\n"
      "latency:\n  metric: pipeline_latency_seconds\n  label: node\n  operations:\n"
      "    routing: {metric: routing_latency_milliseconds, labels: {route: \"a\\\"b\"}}\n"
      "throughput: {min_rps: 0.5}\nactivity: {idle: 15m}\n");
  auto set = build_rules({budget("routing", 5)}, "gate.yaml", a);
  ASSERT_TRUE(set.ok()) << set.error().message();
  EXPECT_EQ(find(*set, "LatencyBudgetExceeded", "routing").expr,
            "histogram_quantile(0.95, sum by (le) (rate(routing_latency_milliseconds_bucket{route=\"a\\\"b\"}[1m]))) "
            "> 5.5");
  EXPECT_EQ(find(*set, "LowThroughput", "routing").expr,
            "sum(rate(routing_latency_milliseconds_count{route=\"a\\\"b\"}[1m])) < 0.5");
  EXPECT_EQ(find(*set, "LowThroughput", "routing").for_duration, "10m");
  EXPECT_EQ(find(*set, "NoActivity", "routing").expr,
            "sum(increase(routing_latency_milliseconds_count{route=\"a\\\"b\"}[15m])) == 0");
}

TEST(RuleBuilderTest, BreakerAlertsReadTheBindingsMetrics) {
  const AlertsConfig a = alerts(
      "breakers:\n"
      "  embedding: {policy: consecutive, wait_in_open_s: 60, recovery_sla_s: 2.0}\n"
      "  fast: {wait_in_open_s: 0.5, recovery_sla_s: 2}\n"
      "  unwatched: {}\n");
  auto set = build_rules({}, "", a);
  ASSERT_TRUE(set.ok()) << set.error().message();
  EXPECT_EQ(set->sources, "alerts.yaml");
  ASSERT_EQ(set->groups.size(), 1u);
  EXPECT_EQ(set->groups[0].name, "gauntlet_circuit_breakers");
  EXPECT_EQ(set->rule_count(), 3u + 3u + 2u);  // no SLA, no recovery rule
  EXPECT_EQ(find(*set, "CircuitBreakerOpen", "embedding").expr, "gauntlet_breaker_state{breaker=\"embedding\"} == 1");
  EXPECT_EQ(find(*set, "CircuitBreakerOpen", "embedding").labels,
            (KeyValues{{"severity", "critical"}, {"breaker", "embedding"}}));
  EXPECT_EQ(find(*set, "CircuitBreakerHalfOpen", "fast").expr, "gauntlet_breaker_state{breaker=\"fast\"} == 2");
  EXPECT_EQ(find(*set, "CircuitBreakerSlowRecovery", "embedding").expr,
            "gauntlet_breaker_last_recovery_seconds{breaker=\"embedding\"} > 2 and "
            "changes(gauntlet_breaker_last_recovery_seconds{breaker=\"embedding\"}[5m]) > 0");
  EXPECT_THROW(find(*set, "CircuitBreakerSlowRecovery", "unwatched"), std::runtime_error);
  // Seed 001's SLA under its 60 s wait can never be met; the 0.5 s wait can.
  ASSERT_EQ(set->warnings.size(), 1u);
  EXPECT_EQ(set->warnings[0],
            "dir/alerts.yaml:2:3: breakers.embedding: recovery_sla_s 2 is below the breaker's 60s wait in OPEN: an "
            "outage lasts at least that wait, so every recovery breaches the SLA and CircuitBreakerSlowRecovery "
            "fires after each one");
}

TEST(RuleBuilderTest, TheBreakerMetricNamesAreTheBindingsOwn) {
  // The rules name metrics the binding exports; a rename there fails here.
  metrics::Registry registry;
  auto created = breaker::CircuitBreaker::create("b", breaker::BreakerConfig{});
  ASSERT_TRUE(created.ok());
  auto binding = breaker::bind_metrics(**created, registry);
  ASSERT_TRUE(binding.ok());
  bool state = false, recovery = false;
  for (const auto& f : registry.snapshot().families) {
    state = state || (f.name == kBreakerStateMetric && f.type == metrics::MetricType::kGauge);
    recovery = recovery || (f.name == kBreakerRecoveryMetric && f.type == metrics::MetricType::kGauge);
  }
  EXPECT_TRUE(state);
  EXPECT_TRUE(recovery);
}

TEST(RuleBuilderTest, CrossFileMistakesNameTheAlertsFile) {
  auto no_mapping = build_rules({budget("embedding", 50)}, "gate.yaml", alerts("breakers: {b: {}}\n"));
  ASSERT_THAT(no_mapping, matchers::StatusIs(ErrorCode::kSchemaError));
  EXPECT_EQ(no_mapping.error().message(),
            "dir/alerts.yaml:1:1: latency: missing; gate.yaml has 1 operation budget(s): name the histogram that "
            "holds their latencies (latency: {metric, label})");
  auto stray = build_rules({budget("embedding", 50)}, "gate.yaml",
                           alerts("latency:\n  metric: x_seconds\n  label: op\n  operations:\n"
                                  "    embeding: {labels: {op: e}}\n"));
  ASSERT_FALSE(stray.ok());
  EXPECT_EQ(stray.error().message(),
            "dir/alerts.yaml:5:15: latency.operations.embeding: no budget for this operation in gate.yaml");
}

TEST(RuleBuilderTest, AlertSettingsApplyToEveryRuleOfThatAlert) {
  const AlertsConfig a = alerts(
      "latency: {metric: x_seconds, label: op}\n"
      "alerts: {LatencyBudgetExceeded: {for: 1m, severity: page}}\n");
  auto set = build_rules({budget("a", 1), budget("b", 2)}, "gate.yaml", a);
  ASSERT_TRUE(set.ok());
  for (const AlertRule& r : set->groups.at(0).rules) {
    EXPECT_EQ(r.for_duration, "1m");
    EXPECT_EQ(r.labels.at(0), (std::pair<std::string, std::string>{"severity", "page"}));
  }
}

}  // namespace
}  // namespace gauntlet::ci::rules
