// The written rules through promtool: `promtool check rules` accepts them,
// and `promtool test rules`, on synthetic series written here, sees each
// alert fire while its condition holds (and its `for` has passed) and stay
// silent otherwise. A deliberately wrong expectation must fail, so the
// rules test cannot pass vacuously.
#include "gauntlet/ci/rules/rule_set.h"
#include "gauntlet/ci/rules/rules_yaml.h"
#include "promtool.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace gauntlet::ci::rules {
namespace {

using nlohmann::json;
using testing::run_tool;
using testing::shell_quote;

const char* const kAlerts = R"(window: 5m
latency: {metric: op_latency_seconds, label: op}
throughput: {min_rps: 0.1}
activity: {idle: 10m}
breakers:
  flaky: {policy: consecutive, wait_in_open_s: 1, recovery_sla_s: 2.0}
  steady: {wait_in_open_s: 1, recovery_sla_s: 2.0}
)";

std::vector<LatencyBudget> budgets() {
  std::vector<LatencyBudget> out(3);
  out[0].operation = "slow_op";  // p95 ~97 ms against 50 ms + 10%
  out[0].p95_ns = 50e6;
  out[1].operation = "fast_op";  // p95 47.5 ms, p99 49.5 ms: within; 0.05 ops/s: too few
  out[1].p95_ns = 50e6;
  out[1].p99_ns = 80e6;
  out[2].operation = "quiet_op";  // no new observations at all
  out[2].p95_ns = 50e6;
  return out;
}

// One minute apart, 0..30 min.
json input_series() {
  json s = json::array();
  const auto add = [&](const std::string& series, const std::string& values) {
    s.push_back({{"series", series}, {"values", values}});
  };
  add("op_latency_seconds_bucket{op=\"slow_op\",le=\"0.05\"}", "0+10x30");
  add("op_latency_seconds_bucket{op=\"slow_op\",le=\"0.1\"}", "0+100x30");
  add("op_latency_seconds_bucket{op=\"slow_op\",le=\"+Inf\"}", "0+100x30");
  add("op_latency_seconds_count{op=\"slow_op\"}", "0+100x30");
  for (const char* le : {"0.05", "0.1", "+Inf"}) {
    add(std::string("op_latency_seconds_bucket{op=\"fast_op\",le=\"") + le + "\"}", "0+3x30");
  }
  add("op_latency_seconds_count{op=\"fast_op\"}", "0+3x30");
  add("op_latency_seconds_count{op=\"quiet_op\"}", "5x30");
  add("gauntlet_breaker_state{breaker=\"flaky\"}", "0 0 1 1 1 2 2 0x23");
  add("gauntlet_breaker_state{breaker=\"steady\"}", "0x30");
  add("gauntlet_breaker_last_recovery_seconds{breaker=\"flaky\"}", "0x6 3.5x23");
  add("gauntlet_breaker_last_recovery_seconds{breaker=\"steady\"}", "0x6 1.5x23");
  return s;
}

// The firing alert of `rule` as promtool reports it: the series' labels
// (here only the breaker, which the rule's labels repeat) plus the rule's
// labels and annotations.
json expected_alert(const AlertRule& rule) {
  json labels = json::object(), annotations = json::object();
  for (const auto& [k, v] : rule.labels) labels[k] = v;
  for (const auto& [k, v] : rule.annotations) annotations[k] = v;
  return {{"exp_labels", labels}, {"exp_annotations", annotations}};
}

const AlertRule& find(const RuleSet& set, const std::string& alert, const std::string& identity) {
  for (const RuleGroup& g : set.groups) {
    for (const AlertRule& r : g.rules) {
      if (r.alert == alert &&
          (r.labels.at(1).second + "/" + (r.labels.size() > 2 ? r.labels[2].second : "")) == identity) {
        return r;
      }
    }
  }
  throw std::runtime_error("no rule " + alert + " " + identity);
}

struct Expectation {
  const char* eval_time;
  const char* alert;
  std::vector<std::string> firing;  // "<operation or breaker>/<quantile or empty>"
};

// When each alert fires: after `for`, while its condition holds; never for
// the series that stay within their limits.
std::vector<Expectation> expectations() {
  return {
      {"3m", "LatencyBudgetExceeded", {}},  // slow_op over budget, but `for: 5m` has not passed
      {"20m", "LatencyBudgetExceeded", {"slow_op/p95"}},
      {"5m", "LowThroughput", {}},  // `for: 10m`
      {"20m", "LowThroughput", {"fast_op/", "quiet_op/"}},
      {"20m", "NoActivity", {"quiet_op/"}},
      {"1m", "CircuitBreakerOpen", {}},
      {"3m", "CircuitBreakerOpen", {"flaky/"}},
      {"3m", "CircuitBreakerHalfOpen", {}},
      {"5m", "CircuitBreakerHalfOpen", {"flaky/"}},
      {"10m", "CircuitBreakerOpen", {}},
      {"10m", "CircuitBreakerHalfOpen", {}},
      {"5m", "CircuitBreakerSlowRecovery", {}},
      {"8m", "CircuitBreakerSlowRecovery", {"flaky/"}},  // 3.5 s > 2 s; steady's 1.5 s is within
      {"20m", "CircuitBreakerSlowRecovery", {}},         // no recovery in the last 5m
  };
}

json rules_test(const RuleSet& set, const std::vector<Expectation>& cases) {
  json tests = json::array();
  json alert_tests = json::array();
  for (const Expectation& e : cases) {
    json exp = json::array();
    for (const std::string& id : e.firing) {
      exp.push_back(expected_alert(find(set, e.alert, id)));
    }
    alert_tests.push_back({{"eval_time", e.eval_time}, {"alertname", e.alert}, {"exp_alerts", exp}});
  }
  tests.push_back({{"interval", "1m"}, {"input_series", input_series()}, {"alert_rule_test", alert_tests}});
  return {{"rule_files", {"rules.yaml"}}, {"evaluation_interval", "1m"}, {"tests", tests}};
}

class RulesPromtoolTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("gauntlet_rules_promtool_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
    auto alerts = parse_alerts_config(kAlerts, "alerts.yaml");
    ASSERT_TRUE(alerts.ok()) << alerts.error().message();
    auto set = build_rules(budgets(), "gate.yaml", *alerts);
    ASSERT_TRUE(set.ok()) << set.error().message();
    set_ = *set;
    std::ofstream(dir_ / "rules.yaml") << to_rules_yaml(set_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  testing::ToolRun promtool_test(const json& test_file) {
    std::ofstream(dir_ / "rules_test.yaml") << test_file.dump(2);
    return run_tool("promtool test rules " + shell_quote((dir_ / "rules_test.yaml").string()));
  }

  std::filesystem::path dir_;
  RuleSet set_;
};

TEST_F(RulesPromtoolTest, CheckRulesAcceptsThem) {
  GAUNTLET_REQUIRE_PROMTOOL();
  const auto check = run_tool("promtool check rules " + shell_quote((dir_ / "rules.yaml").string()));
  EXPECT_EQ(check.exit_code, 0) << check.output;
  EXPECT_NE(check.output.find("SUCCESS: " + std::to_string(set_.rule_count()) + " rules found"), std::string::npos)
      << check.output;
  EXPECT_EQ(set_.rule_count(), 4u + 6u + 6u);
}

TEST_F(RulesPromtoolTest, EachAlertFiresWhenItsConditionHoldsAndNotOtherwise) {
  GAUNTLET_REQUIRE_PROMTOOL();
  const auto run = promtool_test(rules_test(set_, expectations()));
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("SUCCESS"), std::string::npos) << run.output;
}

TEST_F(RulesPromtoolTest, AWrongExpectationFails) {
  GAUNTLET_REQUIRE_PROMTOOL();
  for (const Expectation& wrong : std::vector<Expectation>{
           {"20m", "LatencyBudgetExceeded", {"slow_op/p95", "fast_op/p95"}},  // fast_op is within budget
           {"20m", "NoActivity", {}},                                         // quiet_op is idle
           {"8m", "CircuitBreakerSlowRecovery", {"flaky/", "steady/"}},       // steady recovered in time
       }) {
    const auto run = promtool_test(rules_test(set_, {wrong}));
    EXPECT_NE(run.exit_code, 0) << wrong.alert << " at " << wrong.eval_time << "\n" << run.output;
  }
}

}  // namespace
}  // namespace gauntlet::ci::rules
