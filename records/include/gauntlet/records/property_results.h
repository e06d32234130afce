#pragma once
/// PropertyResult: one property run as plain data — the one declaration of the
/// `gauntlet.properties/1` record (docs/properties.md). The property suites
/// fill it, property_results_json.h writes and reads it, and reports show it.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gauntlet::records {

inline constexpr std::string_view kPropertiesSchema = "gauntlet.properties/1";

/// What happened to one property in one instantiation.
enum class PropertyOutcome {
  kPassed,   ///< every generated case held
  kFailed,   ///< a counterexample was found
  kSkipped,  ///< the property does not apply to the declared capabilities
  kGaveUp,   ///< too many generated cases were discarded
  kError,    ///< the run itself failed (bad RC_PARAMS, generator error)
};

/// Stable name: "passed", "failed", "skipped", "gave_up" or "error".
std::string_view to_string(PropertyOutcome outcome) noexcept;
/// The outcome named `name` (as to_string writes it); nullopt for any other.
std::optional<PropertyOutcome> property_outcome_named(std::string_view name) noexcept;

/// One property run.
struct PropertyResult {
  std::string test;           ///< full gtest name, "Inst/Suite/0.Property"
  std::string instantiation;  ///< the prefix given to GAUNTLET_INSTANTIATE_*
  std::string suite;          ///< e.g. "BreakerProperties"
  std::string property;       ///< e.g. "ModelConsecutive"
  std::string severity;       ///< "MUST" or "SHOULD"
  PropertyOutcome outcome = PropertyOutcome::kPassed;
  bool fails_test = false;  ///< true when this result made the gtest fail
  int cases = 0;            ///< successful cases run
  std::uint64_t seed = 0;   ///< RapidCheck seed of the run
  /// The minimal counterexample, (type, value) pairs as RapidCheck shows them.
  std::vector<std::pair<std::string, std::string>> counterexample;
  std::string message;  ///< failure description or skip reason
  std::string rerun;    ///< shell line that replays the failure ("" if none)
  friend bool operator==(const PropertyResult&, const PropertyResult&) = default;
};

}  // namespace gauntlet::records
