// The rules file writer: its layout, and names with quotes, newlines and
// line separators surviving a YAML reader unchanged.
#include "gauntlet/ci/rules/rules_yaml.h"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

namespace gauntlet::ci::rules {
namespace {

RuleSet one_rule(const std::string& value) {
  AlertRule r{"CircuitBreakerOpen",
              "gauntlet_breaker_state{breaker=\"x\"} == 1",
              "0s",
              {{"severity", "critical"}, {"breaker", value}},
              {{"summary", "it's " + value}}};
  return RuleSet{"gate.yaml and alerts.yaml", {{"gauntlet_circuit_breakers", {r}}}, {}};
}

TEST(RulesYamlTest, WritesPrometheusRuleGroups) {
  EXPECT_EQ(to_rules_yaml(one_rule("embedding")),
            "# Prometheus alerting rules written by `gauntlet rules` from gate.yaml and alerts.yaml.\n"
            "# Regenerate them rather than editing them (docs/rules.md).\n"
            "groups:\n"
            "  - name: 'gauntlet_circuit_breakers'\n"
            "    rules:\n"
            "      - alert: CircuitBreakerOpen\n"
            "        expr: 'gauntlet_breaker_state{breaker=\"x\"} == 1'\n"
            "        for: 0s\n"
            "        labels:\n"
            "          severity: 'critical'\n"
            "          breaker: 'embedding'\n"
            "        annotations:\n"
            "          summary: 'it''s embedding'\n");
  EXPECT_EQ(to_rules_yaml(RuleSet{"a.yaml", {}, {}}),
            "# Prometheus alerting rules written by `gauntlet rules` from a.yaml.\n"
            "# Regenerate them rather than editing them (docs/rules.md).\n"
            "groups: []\n");
}

TEST(RulesYamlTest, AnyNameSurvivesAYamlReader) {
  for (const std::string value : {"plain", "it's", "back\\slash \"quoted\"", "two\nlines", "tab\there", "caf\xc3\xa9",
                                  "nel\xc2\x85sep\xe2\x80\xa8par\xe2\x80\xa9", "# not a comment", "- not a list",
                                  ": colon", "{not: map}", "'", "\x01\x7f"}) {
    const YAML::Node doc = YAML::Load(to_rules_yaml(one_rule(value)));
    const YAML::Node rule = doc["groups"][0]["rules"][0];
    EXPECT_EQ(rule["labels"]["breaker"].as<std::string>(), value);
    EXPECT_EQ(rule["annotations"]["summary"].as<std::string>(), "it's " + value);
    EXPECT_EQ(rule["expr"].as<std::string>(), "gauntlet_breaker_state{breaker=\"x\"} == 1");
  }
}

TEST(RulesYamlTest, TheHeaderIsOneLineWhateverTheFileNames) {
  RuleSet set = one_rule("x");
  set.sources = "evil\nname.yaml";
  const std::string text = to_rules_yaml(set);
  EXPECT_NE(text.find("from evil?name.yaml.\n"), std::string::npos) << text;
}

}  // namespace
}  // namespace gauntlet::ci::rules
