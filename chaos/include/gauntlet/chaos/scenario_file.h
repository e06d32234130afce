#pragma once
/// Scenario files in YAML (format in docs/chaos.md). Errors are one line:
/// "<file>:<line>:<column>: <field>: <problem>".
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "gauntlet/chaos/scenario.h"
#include "gauntlet/harness/error.h"

namespace gauntlet::chaos {

/// Turns a target name from a file (e.g. "service_chain/healthy") into a factory.
using TargetResolver = std::function<Result<TargetFactory>(std::string_view name)>;

/// Parses YAML text; `source` names it in errors. kParseError for malformed
/// YAML, kSchemaError for a missing, unknown or mistyped field (or a target
/// the resolver refuses), kInvalidArgument when the scenario does not validate.
Result<Scenario> parse_scenario_yaml(std::string_view text, std::string_view source, const TargetResolver& resolve);

/// Largest scenario file read: scenario files are small; more is a mistake.
inline constexpr std::size_t kMaxScenarioFileBytes = 4 * 1024 * 1024;

/// Longest duration parse_duration accepts (24h).
inline constexpr Nanos kMaxParsedDuration = 24LL * 3600 * kNanosPerSecond;

/// Reads (gauntlet::read_input_file, at most kMaxScenarioFileBytes) and parses
/// a file: kNotFound, kInvalidArgument (a directory, FIFO or device),
/// kOutOfRange (too large), kIoError naming the path when it cannot be read.
Result<Scenario> load_scenario_file(const std::string& path, const TargetResolver& resolve);

/// "250ms", "2s", "1.5s", "500us", "100ns", "1m" to nanoseconds. kParseError
/// for anything else, kOutOfRange above kMaxParsedDuration (the bound named).
Result<Nanos> parse_duration(std::string_view text);

}  // namespace gauntlet::chaos
