#pragma once
/// The `gauntlet.properties/1` JSON document, {"schema": ..., "results": [...]}:
/// the one writer and the one reader of property results. The property suites
/// write through write_property_results_file; reports (and anything else that
/// reads property results) read through read_property_results.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "gauntlet/harness/error.h"
#include "gauntlet/records/property_results.h"

namespace gauntlet::records {

/// The document: JSON with two-space indent, keys in alphabetical order, and a
/// trailing newline; every field of every result is written.
std::string property_results_json(const std::vector<PropertyResult>& results);

/// Reads a parsed document from `source` (a file name, for errors). Required:
/// `schema` == kPropertiesSchema, the `results` array, and in each result its
/// `property` and `outcome`; the other fields take the defaults of
/// PropertyResult when absent or null, and each counterexample entry needs
/// its `type` and `value`. Unknown keys are ignored. Errors, all kSchemaError
/// "<source>: <JSON pointer>: ...": another schema, a missing or mistyped
/// field, an unknown outcome, a count or seed that is not a whole number in
/// range.
Result<std::vector<PropertyResult>> read_property_results(const nlohmann::json& doc, std::string_view source);

/// Parses `text` (parse_json_document's kParseError "<source>:<line>:<col>:
/// ...") and reads it as above.
Result<std::vector<PropertyResult>> read_property_results_text(std::string_view text, std::string_view source);

/// Writes the document to `path` atomically (write_file_atomically); kIoError
/// when the folder cannot be written.
Status write_property_results_file(const std::filesystem::path& path, const std::vector<PropertyResult>& results);

/// Reads a results file through read_input_file (kNotFound, kInvalidArgument,
/// kOutOfRange, kIoError), then as read_property_results_text.
Result<std::vector<PropertyResult>> read_property_results_file(const std::filesystem::path& path);

}  // namespace gauntlet::records
