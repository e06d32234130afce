#pragma once
// Parses a whole JSON document, with Google Benchmark's bare NaN / Infinity
// tokens allowed, into an error value that names "<source>:<line>:<col>".
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "gauntlet/harness/error.h"

namespace gauntlet::ci::detail {

/// Errors, all kParseError: "<source>:1:1: empty file, expected <what>" for
/// blank text; "<source>: nesting deeper than 128 levels" (kMaxNestingDepth);
/// "<source>:<line>:<col>: <why>" for malformed text, including numbers
/// beyond the range of a double ("number overflow parsing '1e400'").
Result<nlohmann::json> parse_json_document(std::string_view text, const std::string& source, std::string_view what);

/// Reads `path` whole through gauntlet::read_input_file (regular files only,
/// GAUNTLET_MAX_INPUT_BYTES): kNotFound, kInvalidArgument, kOutOfRange, kIoError.
Result<std::string> read_text_file(const std::string& path, std::string_view what);

}  // namespace gauntlet::ci::detail
