#include "gauntlet/properties/severity.h"

#include <algorithm>
#include <cstdlib>
#include <string>

namespace gauntlet::properties {

std::string_view to_string(Severity severity) noexcept { return severity == Severity::kMust ? "MUST" : "SHOULD"; }

bool strict_mode() noexcept {
  const char* value = std::getenv("GAUNTLET_STRICT");
  return value != nullptr && std::string_view(value) == "1";
}

int case_budget(double scale) noexcept {
  int cases = 100;
  if (const char* thorough = std::getenv("GAUNTLET_THOROUGH"); thorough && std::string_view(thorough) == "1") {
    cases = 2000;
  }
  if (const char* explicit_cases = std::getenv("GAUNTLET_PROPERTY_CASES")) {
    char* end = nullptr;
    long parsed = std::strtol(explicit_cases, &end, 10);
    if (end != explicit_cases && *end == '\0' && parsed > 0 && parsed < 1'000'000) cases = static_cast<int>(parsed);
  }
  scale = std::clamp(scale, 0.0, 1.0);
  return std::max(5, static_cast<int>(cases * scale));
}

std::chrono::nanoseconds stress_budget() noexcept {
  long ms = 700;
  if (const char* thorough = std::getenv("GAUNTLET_THOROUGH"); thorough && std::string_view(thorough) == "1") ms = 5000;
  if (const char* explicit_ms = std::getenv("GAUNTLET_STRESS_MS")) {
    char* end = nullptr;
    const long parsed = std::strtol(explicit_ms, &end, 10);
    if (end != explicit_ms && *end == '\0' && parsed > 0 && parsed <= 600'000) ms = parsed;
  }
  return std::chrono::milliseconds(ms);
}

std::chrono::nanoseconds stress_budget_per_case(double case_scale) noexcept {
  return std::max<std::chrono::nanoseconds>(std::chrono::milliseconds(1), stress_budget() / case_budget(case_scale));
}

}  // namespace gauntlet::properties
