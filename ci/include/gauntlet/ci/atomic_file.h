#pragma once
/// Writing files so that readers never see half of one.
#include "gauntlet/harness/error.h"

#include <string>
#include <string_view>

namespace gauntlet::ci {

/// Writes `content` to "<path>.tmp.<pid>" in the same directory, flushes it and
/// renames it over `path`. On failure the temp file is removed and `path` is
/// untouched. Errors: kIoError naming the path.
Status write_file_atomically(const std::string& path, std::string_view content);

}  // namespace gauntlet::ci
