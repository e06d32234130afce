#pragma once
// The statically rendered parts of the HTML page (everything but the test list,
// which the page's script renders on demand from the embedded data).
#include <string>

#include "gauntlet/reports/report.h"

namespace gauntlet::reports::detail {

std::string chaos_section(const Report& report);
std::string benchmarks_section(const Report& report);
std::string properties_section(const Report& report);

}  // namespace gauntlet::reports::detail
