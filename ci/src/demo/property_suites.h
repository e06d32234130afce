#pragma once
// The demo's property stage: runs the property-suite executables the build
// produced and adds their GoogleTest XML and property results to the report.
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "gauntlet/harness/error.h"
#include "gauntlet/reports/report.h"

namespace gauntlet::demo::detail {

/// Runs each executable with GAUNTLET_PROPERTIES_OUT=<dir> and its XML output
/// in <dir>; a missing executable is reported as skipped. Errors: an output
/// that cannot be read into the report.
Status run_property_suites(const std::vector<std::string>& executables, const std::filesystem::path& dir,
                           reports::Report& report, std::ostream& progress);

}  // namespace gauntlet::demo::detail
