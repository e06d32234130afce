#pragma once
// The Markdown summary's test figures (markdown_tests.cpp).
#include <string>

#include "gauntlet/reports/test_results.h"

namespace gauntlet::reports::detail {

/// "### Slowest tests" (top ten by time; left out when no test has a time);
/// "" for a run without tests.
std::string slowest_tests_markdown(const TestRun& run);

/// Success rate per suite (passed / (passed + failed), skipped apart) as a
/// table inside <details>; "" for a run without tests.
std::string suite_rates_markdown(const TestRun& run);

}  // namespace gauntlet::reports::detail
