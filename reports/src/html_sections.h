#pragma once
// The statically rendered parts of the HTML page (everything but the test list,
// which the page's script renders on demand from the embedded data).
#include <string>
#include <vector>

#include "gauntlet/reports/report.h"
#include "gauntlet/reports/test_results.h"

namespace gauntlet::reports::detail {

/// A verdict badge: `ok_text` in the pass colour, else `bad_text` in the fail colour.
std::string pill(bool ok, const std::string& ok_text, const std::string& bad_text);
/// "Re-run <command>"; "" for no command.
std::string command_line(const std::string& command);

/// Chaos scenarios (html_chaos.cpp); "" when there are no journals.
std::string chaos_section(const Report& report);
/// The element id of each journal's card, in `report.journals` order:
/// "chaos-<scenario>", with "-2", "-3", ... for repeated scenario names.
std::vector<std::string> journal_anchors(const Report& report);
std::string benchmarks_section(const Report& report);
std::string properties_section(const Report& report);
/// Success rate per suite and the ten slowest tests, as sortable tables
/// (html_tests_overview.cpp); the slowest list is left out when no test has a time.
std::string tests_overview(const TestRun& run);

}  // namespace gauntlet::reports::detail
