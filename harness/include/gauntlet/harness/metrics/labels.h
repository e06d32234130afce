#pragma once
/// Metric and label names, label sets, and their validation against the
/// Prometheus data model rules.
#include "gauntlet/harness/error.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gauntlet::metrics {

/// One dimension of a series: name and value, e.g. {"route", "/a"}.
using Label = std::pair<std::string, std::string>;

/// A label set. Order does not matter to lookups; exposition writes labels in
/// the order the family declared their names.
using Labels = std::vector<Label>;

/// Metric names: `[a-zA-Z_:][a-zA-Z0-9_:]*`, non-empty. Errors are
/// kInvalidArgument with a message naming the offending character position.
Status validate_metric_name(std::string_view name);

/// Label names: `[a-zA-Z_][a-zA-Z0-9_]*`, non-empty, not starting with `__`
/// (reserved), and not `le` or `quantile` (used by histogram/summary samples).
Status validate_label_name(std::string_view name);

/// Label values: any valid UTF-8 (escaped on exposition). Invalid UTF-8 is
/// kInvalidArgument.
Status validate_label_value(std::string_view value);

}  // namespace gauntlet::metrics
