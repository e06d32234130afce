#pragma once
/// Writing files so that readers never see half of one. Every file Gauntlet
/// writes (journals, gate results, reports, exports, traces) goes through this.
#include "gauntlet/harness/error.h"

#include <filesystem>
#include <string_view>

namespace gauntlet {

/// Writes `content` to "<path>.tmp.<pid>" beside `path`, flushes and fsyncs it,
/// then renames it over `path`. On failure the temp file is removed and `path`
/// is untouched. Errors: kIoError naming the path and the reason.
Status write_file_atomically(const std::filesystem::path& path, std::string_view content);

}  // namespace gauntlet
