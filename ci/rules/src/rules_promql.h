#pragma once
// PromQL text pieces: string literals, selectors, numbers, and durations in
// words for annotations.
#include "gauntlet/ci/rules/alerts_config.h"

#include <string>
#include <string_view>

namespace gauntlet::ci::rules::detail {

/// A double-quoted PromQL string: `\`, `"` and control characters escaped.
std::string promql_string(std::string_view text);

/// `metric{a="x",b="y"}`, or `metric` without matchers.
std::string selector(const std::string& metric, const Matchers& matchers);

/// Up to 12 significant digits, so 50 ms × 1.1 in seconds reads 0.055.
std::string promql_number(double value);

/// "55ms", "2.2ms", "165us", "2s": a time for a person to read.
std::string readable_ns(double ns);

}  // namespace gauntlet::ci::rules::detail
