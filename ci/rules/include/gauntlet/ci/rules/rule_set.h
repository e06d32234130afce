#pragma once
/// Prometheus alerting rules built from the gate's latency budgets and an
/// alerts file: the seed-001 set (p95 over budget, breaker open and half-open,
/// slow recovery, low throughput, no activity). Building never prints; the
/// rules file format is written by rules_yaml.h.
#include "gauntlet/ci/gate_config.h"
#include "gauntlet/ci/rules/alerts_config.h"
#include "gauntlet/harness/error.h"

#include <string>
#include <utility>
#include <vector>

namespace gauntlet::ci::rules {

using KeyValues = std::vector<std::pair<std::string, std::string>>;

/// One alerting rule of a Prometheus rule group.
struct AlertRule {
  std::string alert;         ///< e.g. "LatencyBudgetExceeded"
  std::string expr;          ///< PromQL
  std::string for_duration;  ///< "5m"; "0s" for none
  KeyValues labels;          ///< severity first, then what identifies the rule
  KeyValues annotations;     ///< summary, description (no templates)
};

struct RuleGroup {
  std::string name;
  std::vector<AlertRule> rules;
};

struct RuleSet {
  /// What the rules were built from, e.g. "budgets.yaml and alerts.yaml".
  std::string sources;
  /// Non-empty groups only, in the order latency, breakers, activity.
  std::vector<RuleGroup> groups;
  /// Sound but suspicious inputs, one line each, e.g. a recovery SLA below the
  /// breaker's wait in OPEN (every recovery breaches it).
  std::vector<std::string> warnings;

  std::size_t rule_count() const;
};

/// Names of the metrics the rules read from a breaker bound with
/// breaker::bind_metrics (harness/breaker/metrics_binding.h).
inline constexpr const char* kBreakerStateMetric = "gauntlet_breaker_state";
inline constexpr const char* kBreakerRecoveryMetric = "gauntlet_breaker_last_recovery_seconds";

/// Builds the rules. `budgets` come from the gate config (read_gate_config),
/// `budgets_source` names that file in messages. Errors (kSchemaError, one
/// line naming the alerts file, line and column): budgets without a
/// `latency` mapping in the alerts file, an override for an operation that
/// has no budget.
Result<RuleSet> build_rules(const std::vector<LatencyBudget>& budgets, const std::string& budgets_source,
                            const AlertsConfig& alerts);

}  // namespace gauntlet::ci::rules
