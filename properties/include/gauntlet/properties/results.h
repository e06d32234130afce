#pragma once
/// PropertyResults: the versioned record of property runs ("gauntlet.properties/1"),
/// written as JSON for reporters (see docs/properties.md for the schema).
#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "gauntlet/harness/error.h"

namespace gauntlet::properties {

inline constexpr std::string_view kResultsSchema = "gauntlet.properties/1";

/// What happened to one property in one instantiation.
enum class Outcome {
  kPassed,   ///< every generated case held
  kFailed,   ///< a counterexample was found
  kSkipped,  ///< the property does not apply to the declared capabilities
  kGaveUp,   ///< too many generated cases were discarded
  kError,    ///< the run itself failed (bad RC_PARAMS, generator error)
};

/// "passed", "failed", "skipped", "gave_up" or "error".
std::string_view to_string(Outcome outcome) noexcept;
/// Inverse of to_string; kParseError for an unknown name.
Result<Outcome> outcome_from_string(std::string_view name);

/// One property run.
struct PropertyResult {
  std::string test;           ///< full gtest name, "Inst/Suite/0.Property"
  std::string instantiation;  ///< the prefix given to GAUNTLET_INSTANTIATE_*
  std::string suite;          ///< e.g. "BreakerProperties"
  std::string property;       ///< e.g. "ModelConsecutive"
  std::string severity;       ///< "MUST" or "SHOULD"
  Outcome outcome = Outcome::kPassed;
  bool fails_test = false;    ///< true when this result made the gtest fail
  int cases = 0;              ///< successful cases run
  std::uint64_t seed = 0;     ///< RapidCheck seed of the run
  std::vector<std::pair<std::string, std::string>> counterexample;  ///< (type, value) pairs
  std::string message;        ///< failure description or skip reason
  std::string rerun;          ///< shell line that replays the failure ("" if none)
  friend bool operator==(const PropertyResult&, const PropertyResult&) = default;
};

/// The JSON document: {"schema": "gauntlet.properties/1", "results": [...]}.
std::string results_to_json(const std::vector<PropertyResult>& results);
/// Parses a document produced by results_to_json; kParseError for malformed
/// JSON, kSchemaError for a wrong schema or shape. `source` names the input.
Result<std::vector<PropertyResult>> results_from_json(std::string_view text, std::string_view source = "<input>");

/// Writes the document to `path` atomically (temp file in the same folder,
/// then rename). kIoError when the folder cannot be written.
Status write_results(const std::filesystem::path& path, const std::vector<PropertyResult>& results);
/// Reads and parses a results file (kNotFound, kParseError, kSchemaError).
Result<std::vector<PropertyResult>> read_results(const std::filesystem::path& path);

}  // namespace gauntlet::properties
