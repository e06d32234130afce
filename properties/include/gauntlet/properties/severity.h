#pragma once
/// How much a property matters, and the run settings read from the environment.
#include <chrono>
#include <string_view>

namespace gauntlet::properties {

/// MUST: a violation is a bug; the test fails. SHOULD: a violation is a
/// quality issue; it is recorded and printed, and fails the test only when
/// strict mode is on (`GAUNTLET_STRICT=1`).
enum class Severity { kMust, kShould };

/// "MUST" or "SHOULD".
std::string_view to_string(Severity severity) noexcept;

/// True when the environment variable GAUNTLET_STRICT is set to "1".
bool strict_mode() noexcept;

/// Number of generated cases per property when RC_PARAMS does not set
/// `max_success`: 100 by default, GAUNTLET_PROPERTY_CASES=<n> to choose,
/// GAUNTLET_THOROUGH=1 for 2000. `scale` (0 < scale <= 1) reduces it for
/// expensive properties (concurrent ones); the result is at least 5.
int case_budget(double scale = 1.0) noexcept;

/// Wall-clock time one concurrent property spends in stress rounds, over all
/// its cases: 700 ms by default, 5000 ms under GAUNTLET_THOROUGH=1,
/// GAUNTLET_STRESS_MS=<ms> to choose (1 to 600000). Never less than 1 ms.
std::chrono::nanoseconds stress_budget() noexcept;

/// The share of stress_budget() one generated case of a property with
/// `case_scale` spends (the budget divided by case_budget(case_scale)).
std::chrono::nanoseconds stress_budget_per_case(double case_scale) noexcept;

}  // namespace gauntlet::properties
