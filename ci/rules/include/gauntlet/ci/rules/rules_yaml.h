#pragma once
/// The Prometheus rules file (`groups: [{name, rules: [{alert, expr, for,
/// labels, annotations}]}]`), as `promtool check rules` and Prometheus's
/// `rule_files` read it. The one writer of that format in Gauntlet.
#include "gauntlet/ci/rules/rule_set.h"

#include <string>

namespace gauntlet::ci::rules {

/// YAML text: a comment naming the sources, then the groups. Strings are
/// single-quoted, or double-quoted with escapes when they hold a control
/// character, so any operation or breaker name survives.
std::string to_rules_yaml(const RuleSet& rules);

}  // namespace gauntlet::ci::rules
