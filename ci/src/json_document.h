#pragma once
// Parses a whole JSON document, with Google Benchmark's bare NaN / Infinity
// tokens allowed, into an error value that names "<source>:<line>:<col>".
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "gauntlet/harness/error.h"

namespace gauntlet::ci::detail {

/// Errors: kParseError "<source>:1:1: empty file, expected <what>" for blank
/// text, "<source>:<line>:<col>: <why>" for malformed text.
Result<nlohmann::json> parse_json_document(std::string_view text, const std::string& source, std::string_view what);

/// Reads `path` whole. Errors: kNotFound "<path>: cannot open <what>", kIoError.
Result<std::string> read_text_file(const std::string& path, std::string_view what);

}  // namespace gauntlet::ci::detail
