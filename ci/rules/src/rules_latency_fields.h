#pragma once
// The alerts file's `latency:` section: the rule that maps a budget
// operation to its histogram series, and the exceptions to it.
#include "gauntlet/ci/rules/alerts_config.h"
#include "rules_yaml_fields.h"

namespace gauntlet::ci::rules::detail {

/// Reads `latency: {metric, unit, label, operations}`. The metric may be an
/// OpenTelemetry name (mapped by metrics::export_name); its unit, given or
/// the name's suffix, must be a time unit.
Result<LatencyMapping> read_latency(const FieldReader& r, const YAML::Node& node);

}  // namespace gauntlet::ci::rules::detail
