#pragma once
// The page's inline stylesheet and script (no external resources).
#include <string_view>

namespace gauntlet::reports::detail {

extern const std::string_view kReportStyle;
extern const std::string_view kReportScript;

}  // namespace gauntlet::reports::detail
