#include "gauntlet/records/property_results.h"

#include <array>

namespace gauntlet::records {
namespace {

constexpr std::array<std::pair<PropertyOutcome, std::string_view>, 5> kOutcomeNames{{
    {PropertyOutcome::kPassed, "passed"},
    {PropertyOutcome::kFailed, "failed"},
    {PropertyOutcome::kSkipped, "skipped"},
    {PropertyOutcome::kGaveUp, "gave_up"},
    {PropertyOutcome::kError, "error"},
}};

}  // namespace

std::string_view to_string(PropertyOutcome outcome) noexcept {
  for (const auto& [value, name] : kOutcomeNames) {
    if (value == outcome) return name;
  }
  return "error";
}

std::optional<PropertyOutcome> property_outcome_named(std::string_view name) noexcept {
  for (const auto& [value, known] : kOutcomeNames) {
    if (known == name) return value;
  }
  return std::nullopt;
}

}  // namespace gauntlet::records
