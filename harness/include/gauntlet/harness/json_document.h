#pragma once
/// Parsing a whole JSON document a user gave as input (a benchmark run, a
/// journal, a gate result, a report input) into an error value that names the
/// file and the place: one parser and one message format for every reader.
#include <cstddef>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

#include "gauntlet/harness/error.h"

namespace gauntlet {

/// Parses `text`, read from `source` (a file name), expected to hold `what`
/// ("a chaos journal"). Errors, all kParseError:
///  - "<source>:1:1: empty file, expected <what>" for blank text;
///  - "<source>: nesting deeper than 128 levels" (kMaxNestingDepth);
///  - "<source>:<line>:<col>: <why>" for malformed text, including numbers
///    beyond the range of a double ("number overflow parsing '1e400'").
Result<nlohmann::json> parse_json_document(std::string_view text, std::string_view source, std::string_view what);

/// 1-based line and column of byte `offset` in `text`.
std::pair<std::size_t, std::size_t> line_and_column(std::string_view text, std::size_t offset);

}  // namespace gauntlet
