#pragma once
/// Writing files so that readers never see half of one. Every file Gauntlet
/// writes (journals, gate results, reports, exports, traces) goes through this.
#include "gauntlet/harness/error.h"

#include <filesystem>
#include <string_view>

namespace gauntlet {

/// Writes `content` to an unnamed file in `path`'s folder (O_TMPFILE), fsyncs
/// it, names it "<path>.tmp.<pid>" and renames that over `path` at once, so
/// even a process killed while writing leaves no temp file behind (where the
/// filesystem lacks O_TMPFILE, the named temp file is written instead). On
/// failure the temp file is removed and `path` is untouched. Errors: kIoError
/// naming the path and the reason.
Status write_file_atomically(const std::filesystem::path& path, std::string_view content);

}  // namespace gauntlet
