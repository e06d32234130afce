#pragma once
/// What reports read from property-suite results (`"schema": "gauntlet.properties/1"`,
/// documented with the properties component): one record per property run.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "gauntlet/harness/error.h"

namespace gauntlet::reports {

struct PropertyOutcome {
  std::string test;           ///< full gtest name
  std::string instantiation;  ///< e.g. "MyBreaker"
  std::string suite;          ///< e.g. "BreakerProperties"
  std::string property;       ///< e.g. "ModelConsecutive"
  std::string severity;       ///< "MUST" or "SHOULD"
  std::string outcome;        ///< "passed", "failed", "skipped", "gave_up" or "error"
  bool fails_test = false;    ///< this result failed its gtest
  int cases = 0;              ///< cases run
  std::uint64_t seed = 0;
  std::vector<std::pair<std::string, std::string>> counterexample;  ///< (type, value)
  std::string message;        ///< failure description or skip reason
  std::string rerun;          ///< command that replays the failure, may be empty
};

struct PropertyResults {
  std::vector<PropertyOutcome> results;
  std::string source;
};

/// A result counts as failed when it failed its test or its outcome is
/// "failed" or "error".
bool is_failure(const PropertyOutcome& outcome) noexcept;

/// Reads a parsed `gauntlet.properties/1` document. Errors: kSchemaError naming
/// `source` and the JSON pointer of the offending field.
Result<PropertyResults> parse_property_results(const nlohmann::json& doc, std::string_view source);

}  // namespace gauntlet::reports
