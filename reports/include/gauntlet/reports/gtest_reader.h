#pragma once
/// Readers for GoogleTest's own result files (`--gtest_output=xml:` and
/// `--gtest_output=json:`). Both give the same `TestRun` for the same run.
#include <filesystem>
#include <string_view>

#include "gauntlet/harness/error.h"
#include "gauntlet/reports/test_results.h"

namespace gauntlet::reports {

/// Parses GoogleTest XML text. `source` names the input in error messages and
/// in `TestCase::source`. Errors: kParseError (malformed XML, with line),
/// kSchemaError (not a <testsuites> document, or a missing/invalid attribute).
Result<TestRun> parse_gtest_xml(std::string_view text, std::string_view source);

/// Parses GoogleTest JSON text. Errors: kParseError (malformed JSON, with
/// byte offset), kSchemaError (wrong shape: names the JSON pointer).
Result<TestRun> parse_gtest_json(std::string_view text, std::string_view source);

/// Reads a file and parses it by content: XML when it starts with '<',
/// GoogleTest JSON otherwise. Errors as above, plus kNotFound / kIoError.
Result<TestRun> read_gtest_file(const std::filesystem::path& path);

}  // namespace gauntlet::reports
