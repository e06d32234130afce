#pragma once
// Reading the end of a captured log file, and scanning it for a line.
#include <cstddef>
#include <filesystem>
#include <regex>
#include <string>

namespace gauntlet::chaos::process::detail {

/// The last `max_bytes` of `path` ("" when it cannot be read).
std::string file_tail(const std::filesystem::path& path, std::size_t max_bytes);

/// True when some complete or partial line of `path` matches `pattern`.
bool file_has_line(const std::filesystem::path& path, const std::regex& pattern);

}  // namespace gauntlet::chaos::process::detail
