#pragma once
/// What reports read from property-suite results (`"schema": "gauntlet.properties/1"`).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "gauntlet/harness/error.h"

namespace gauntlet::reports {

struct PropertyOutcome {
  std::string name;
  bool passed = false;
  int cases = 0;               ///< cases run
  std::string counterexample;  ///< shrunk counterexample of a failure
  std::string message;         ///< failure message
  std::string rerun;           ///< command that re-runs this failure
};

/// One suite instantiated against one implementation.
struct PropertySuiteResult {
  std::string suite;
  std::string instantiation;
  std::vector<PropertyOutcome> properties;
};

struct PropertyResults {
  std::uint64_t seed = 0;
  std::vector<PropertySuiteResult> suites;
  std::string source;
};

/// Reads a parsed `gauntlet.properties/1` document. Errors: kSchemaError naming
/// `source` and the JSON pointer of the offending field.
Result<PropertyResults> parse_property_results(const nlohmann::json& doc, std::string_view source);

}  // namespace gauntlet::reports
