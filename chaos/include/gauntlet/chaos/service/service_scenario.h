#pragma once
/// Scenario files against the user's own service (format in docs/chaos.md,
/// "Scenarios against your own service"): processes Gauntlet starts or
/// endpoints already running, fault proxies, network load, faults on proxies
/// and processes over time, steady-state probes and hypotheses per phase. Such
/// a scenario runs in real time only.
#include <filesystem>
#include <string>
#include <string_view>

#include "gauntlet/chaos/scenario.h"
#include "gauntlet/chaos/scenario_file.h"
#include "gauntlet/harness/error.h"

namespace gauntlet::chaos::service {

struct ServiceFileOptions {
  /// Where each run writes the processes' logs (created; a run truncates its
  /// logs). Empty: "<logs_parent>/<scenario name>".
  std::filesystem::path logs;
  /// Where per-scenario log folders go when `logs` is empty; empty: "<temp dir>/gauntlet-chaos".
  std::filesystem::path logs_parent;
  /// Permit proxies, endpoints and load targets that are not loopback.
  bool allow_remote = false;
};

/// Parses a service scenario. `dir` is the folder relative paths and {dir}
/// refer to. Errors as parse_scenario_yaml's: "<source>:<line>:<col>: field
/// '<field>': <problem>" (kParseError, kSchemaError), kInvalidArgument when the
/// scenario does not validate.
Result<Scenario> parse_service_scenario_yaml(std::string_view text, std::string_view source,
                                             const std::filesystem::path& dir, const ServiceFileOptions& options);

/// True when the text is a mapping with a top-level `processes`, `endpoints`
/// or `proxies` key (what makes a file a service scenario). False for text
/// that is not YAML.
bool is_service_scenario_yaml(std::string_view text);

/// Reads a scenario file of either kind: a service scenario, or an in-process
/// one whose `target` the resolver turns into a factory. Read as
/// load_scenario_file reads: kNotFound, kInvalidArgument (a directory, FIFO
/// or device), kOutOfRange (over 4 MiB), kIoError when the read fails.
Result<Scenario> load_any_scenario_file(const std::string& path, const TargetResolver& resolve,
                                        const ServiceFileOptions& options);

}  // namespace gauntlet::chaos::service
