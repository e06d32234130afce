#pragma once
// The page's inline stylesheet and script (no external resources).
#include <string_view>

namespace gauntlet::reports::detail {

extern const std::string_view kReportStyle;
extern const std::string_view kReportScript;
/// Sorts tables by a clicked header (html_sort_script.cpp); runs after kReportScript.
extern const std::string_view kSortScript;

}  // namespace gauntlet::reports::detail
