// The alerts file reader: every field, and one error line naming the file,
// line, column and field for each kind of mistake.
#include "gauntlet/ci/rules/alerts_config.h"

#include <gtest/gtest.h>

#include "gauntlet/harness/testing/status_matchers.h"

#include <string>

namespace gauntlet::ci::rules {
namespace {

const char* const kFull = R"(window: 2m
latency:
  metric: flow.execution.duration
  unit: s
  label: node
  operations:
    routing: {metric: routing_latency_milliseconds, labels: {route: ROUTING}}
    embedding: {labels: {stage: embed}}
throughput: {min_rps: 0.1}
activity: {idle: 10m}
breakers:
  embedding: &seed
    policy: consecutive
    consecutive_failures_to_open: 5
    consecutive_successes_to_close: 2
    wait_in_open_s: 60
    recovery_sla_s: 2.0
  teoria_cambio: *seed
  plain: {}
alerts:
  LatencyBudgetExceeded: {for: 1m30s}
  NoActivity: {severity: page}
)";

TEST(AlertsConfigTest, ReadsEveryField) {
  auto c = parse_alerts_config(kFull, "alerts.yaml");
  ASSERT_TRUE(c.ok()) << c.error().message();
  EXPECT_EQ(c->window, "2m");
  ASSERT_TRUE(c->latency.has_value());
  EXPECT_EQ(c->latency->histogram.metric, "flow_execution_duration_seconds");
  EXPECT_EQ(c->latency->histogram.unit, "seconds");
  EXPECT_DOUBLE_EQ(c->latency->histogram.per_nanosecond, 1e-9);
  EXPECT_EQ(c->latency->label, "node");
  const OperationOverride& routing = c->latency->overrides.at("routing");
  EXPECT_EQ(routing.histogram.metric, "routing_latency_milliseconds");
  EXPECT_DOUBLE_EQ(routing.histogram.per_nanosecond, 1e-6);
  EXPECT_EQ(routing.matchers, (Matchers{{"route", "ROUTING"}}));
  EXPECT_EQ(routing.where, "alerts.yaml:7:14");
  const OperationOverride& embedding = c->latency->overrides.at("embedding");
  EXPECT_EQ(embedding.histogram.metric, "flow_execution_duration_seconds");
  EXPECT_EQ(embedding.matchers, (Matchers{{"stage", "embed"}}));
  EXPECT_EQ(c->min_throughput_rps, 0.1);
  EXPECT_EQ(c->idle, "10m");
  ASSERT_EQ(c->breakers.size(), 3u);
  EXPECT_EQ(c->breakers[0].name, "embedding");
  EXPECT_EQ(c->breakers[0].config.policy, breaker::TripPolicy::kConsecutiveFailures);
  EXPECT_EQ(c->breakers[0].config.wait_in_open, 60 * kNanosPerSecond);
  EXPECT_EQ(c->breakers[0].recovery_sla_s, 2.0);
  EXPECT_EQ(c->breakers[1].name, "teoria_cambio");
  EXPECT_EQ(c->breakers[1].config.consecutive_failures_to_open, 5);
  EXPECT_EQ(c->breakers[2].name, "plain");
  EXPECT_FALSE(c->breakers[2].recovery_sla_s.has_value());
  EXPECT_EQ(c->alerts.at("LatencyBudgetExceeded").for_duration, "1m30s");
  EXPECT_EQ(c->alerts.at("LatencyBudgetExceeded").severity, "warning");
  EXPECT_EQ(c->alerts.at("NoActivity").severity, "page");
  EXPECT_EQ(c->alerts.at("CircuitBreakerOpen").severity, "critical");
  EXPECT_EQ(c->alerts.size(), alert_names().size());
}

TEST(AlertsConfigTest, AnEmptyFileHasDefaultsOnly) {
  auto c = parse_alerts_config("", "a.yaml");
  ASSERT_TRUE(c.ok()) << c.error().message();
  EXPECT_FALSE(c->latency.has_value());
  EXPECT_TRUE(c->breakers.empty());
  EXPECT_EQ(c->window, "5m");
}

struct Bad {
  const char* text;
  ErrorCode code;
  const char* message;
};

TEST(AlertsConfigTest, MistakesAreOneLineWithFileLineAndColumn) {
  const Bad cases[] = {
      {"windw: 5m\n", ErrorCode::kSchemaError,
       "a.yaml:1:1: windw: unknown field (expected one of window, latency, throughput, activity, breakers, alerts)"},
      {"window: 5m\nwindow: 6m\n", ErrorCode::kSchemaError, "a.yaml:2:1: window: appears twice"},
      {"window: 5 minutes\n", ErrorCode::kSchemaError,
       "a.yaml:1:9: window: expected a Prometheus duration such as 30s, 5m or 1h30m, got \"5 minutes\""},
      {"window: 0s\n", ErrorCode::kSchemaError, "a.yaml:1:9: window: must be longer than 0"},
      {"window: [5m\n", ErrorCode::kParseError, nullptr},
      {"- 1\n", ErrorCode::kSchemaError, "a.yaml:1:1: top level: expected a map"},
      {"latency: {metric: request_bytes, label: op}\n", ErrorCode::kSchemaError,
       "a.yaml:1:19: latency.metric: \"request_bytes\" does not end with a time unit (_seconds, _milliseconds, "
       "_microseconds, _nanoseconds); give unit: s, ms, us or ns"},
      {"latency: {metric: request_size, unit: By, label: op}\n", ErrorCode::kSchemaError, nullptr},
      {"latency: {metric: flow.size, unit: By, label: op}\n", ErrorCode::kSchemaError,
       "a.yaml:1:36: latency.unit: unit \"bytes\" is not a time unit (s, ms, us or ns)"},
      {"latency: {metric: request_duration, unit: s, label: op}\n", ErrorCode::kSchemaError,
       "a.yaml:1:19: latency.metric: metric \"request_duration\": with unit \"s\" the name must end with "
       "\"_seconds\" (OpenMetrics requires the unit as the name's suffix), e.g. \"request_duration_seconds\""},
      {"latency: {metric: x_seconds, label: le}\n", ErrorCode::kSchemaError, nullptr},
      {"latency: {metric: x_seconds}\n", ErrorCode::kSchemaError,
       "a.yaml:1:10: latency.label: missing: the label whose value is the operation"},
      {"latency: {metric: x_seconds, label: op, operations: {a: {}}}\n", ErrorCode::kSchemaError,
       "a.yaml:1:57: latency.operations.a: expected metric and/or labels"},
      {"throughput: {min_rps: 0}\n", ErrorCode::kSchemaError,
       "a.yaml:1:23: throughput.min_rps: must be greater than 0"},
      {"activity: {}\n", ErrorCode::kSchemaError, "a.yaml:1:11: activity.idle: missing"},
      {"breakers:\n  b: {policy: sometimes}\n", ErrorCode::kSchemaError,
       "a.yaml:2:15: breakers.b.policy: expected failure_rate or consecutive, got \"sometimes\""},
      {"breakers:\n  b: {window_size: 2.5}\n", ErrorCode::kSchemaError,
       "a.yaml:2:20: breakers.b.window_size: expected a whole number, got 2.5"},
      {"breakers:\n  b: {failure_rate_threshold: 0}\n", ErrorCode::kSchemaError, nullptr},
      {"breakers:\n  b: {recovery_sla: 2}\n", ErrorCode::kSchemaError, nullptr},
      {"alerts: {HighLatency: {for: 1m}}\n", ErrorCode::kSchemaError, nullptr},
      {"alerts: {NoActivity: {for: soon}}\n", ErrorCode::kSchemaError, nullptr},
      {"breakers:\n  \"b\xff\": {}\n", ErrorCode::kSchemaError, "a.yaml:2:3: breakers: key is not valid UTF-8"},
  };
  for (const Bad& b : cases) {
    auto c = parse_alerts_config(b.text, "a.yaml");
    ASSERT_THAT(c, matchers::StatusIs(b.code)) << b.text;
    if (b.message != nullptr) {
      EXPECT_EQ(c.error().message(), b.message) << b.text;
    }
    EXPECT_EQ(c.error().message().find('\n'), std::string::npos) << c.error().message();
    EXPECT_EQ(c.error().message().rfind("a.yaml:", 0), 0u) << c.error().message();
  }
}

TEST(AlertsConfigTest, ABreakerConfigIsCheckedByTheBreaker) {
  auto c = parse_alerts_config("breakers:\n  b: {policy: consecutive, consecutive_successes_to_close: 20}\n", "a.yaml");
  // BreakerConfig::validate's own words, placed at the entry.
  EXPECT_THAT(c, matchers::StatusIs(ErrorCode::kSchemaError,
                                    ::testing::AllOf(::testing::StartsWith("a.yaml:2:6: breakers.b: "),
                                                     ::testing::HasSubstr("permitted_calls_in_half_open"))));
}

TEST(AlertsConfigTest, HostileInputIsAnErrorNotACrash) {
  auto deep = parse_alerts_config(std::string(10000, '[') + std::string(10000, ']'), "a.yaml");
  ASSERT_THAT(deep, matchers::StatusIs(ErrorCode::kParseError));
  auto missing = read_alerts_config("/nonexistent/alerts.yaml");
  ASSERT_THAT(missing, matchers::StatusIs(ErrorCode::kNotFound));
  auto directory = read_alerts_config("/tmp");
  ASSERT_THAT(directory, matchers::StatusIs(ErrorCode::kInvalidArgument));
}

}  // namespace
}  // namespace gauntlet::ci::rules
