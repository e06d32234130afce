#pragma once
// One entry of the alerts file's `breakers:` map: a BreakerConfig in the
// words of docs/breaker.md (times in seconds) plus `recovery_sla_s`.
#include "gauntlet/ci/rules/alerts_config.h"
#include "rules_yaml_fields.h"

namespace gauntlet::ci::rules::detail {

/// Reads `breakers.<name>` (`key` is the name's node, where warnings point:
/// entries sharing one anchor differ only there); the configuration must
/// pass BreakerConfig::validate (its message is the error's).
Result<BreakerEntry> read_breaker(const FieldReader& r, const YAML::Node& key, const YAML::Node& node);

}  // namespace gauntlet::ci::rules::detail
