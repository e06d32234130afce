#pragma once
/// The seven built-in scenarios (seed 004) against the bundled service chain,
/// each with explicit hypotheses and the broken chain variant it must catch.
#include <string>
#include <string_view>
#include <vector>

#include "gauntlet/chaos/scenario.h"
#include "gauntlet/harness/error.h"

namespace gauntlet::chaos {

struct BuiltinInfo {
  std::string name;
  std::string summary;
  TimeMode default_mode;
  std::string broken_variant;     ///< chain variant this scenario must fail on
  std::string broken_hypothesis;  ///< fragment of the hypothesis that must fail there
};

/// In a stable order: gradual_failure, transient_outage, concurrent_load,
/// cascading_failure, latency_spike, breaker_transitions, concurrent_metrics.
const std::vector<BuiltinInfo>& builtin_scenarios();

/// The scenario against chain `variant` ("healthy" or a broken one);
/// kNotFound for an unknown scenario name.
Result<Scenario> builtin_scenario(std::string_view name, std::string_view variant = "healthy");

/// Bundled targets by name: "service_chain" or "service_chain/<variant>";
/// kNotFound listing the known names otherwise.
Result<TargetFactory> bundled_target(std::string_view name);

}  // namespace gauntlet::chaos
