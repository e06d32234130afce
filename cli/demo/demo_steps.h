#pragma once
// The stages of `gauntlet demo`. Each runs one producer, writes its records
// under the report directory, adds them to the report and prints one progress
// line per item; none of them formats results (the report writers do).
#include <cstdint>
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "gauntlet/harness/error.h"
#include "gauntlet/reports/report.h"

namespace gauntlet::demo::detail {

/// What every stage shares.
struct Stage {
  std::filesystem::path dir;  ///< the report directory
  reports::Report& report;
  std::ostream& progress;
  std::uint64_t seed = 1;
  bool passed = true;  ///< set false by a stage whose item failed
};

/// The seven built-in scenarios in virtual time; journals in <dir>/chaos.
Status run_builtin_scenarios(Stage& stage);

/// The A -> B -> C chain of real processes behind fault proxies, C cut off for
/// one of three seconds (real time). Empty `node_program` or a missing file:
/// reported as skipped.
Status run_process_cascade(Stage& stage, const std::string& node_program);

/// Runs each executable with GAUNTLET_PROPERTIES_OUT=<dir>/properties and its
/// XML output there, as a child in its own process group with a parent-death
/// signal, reaped on every path (its output in <name>.stdout.log and
/// <name>.stderr.log there); a missing executable is reported as skipped.
Status run_property_suites(Stage& stage, const std::vector<std::string>& executables);

struct BenchmarkStage {
  std::string binary;    ///< gauntlet_bench_harness; empty or missing: skipped
  std::string baseline;  ///< committed Google Benchmark JSON; missing: skipped
  std::string config;    ///< gate YAML (empty: defaults)
  std::string revision;  ///< recorded with the run in the history
  std::string history;   ///< SQLite history the run is recorded in
  std::string filter;    ///< --benchmark_filter
  std::string min_time;  ///< --benchmark_min_time
  int repetitions = 5;
};

/// Runs the primitives benchmarks, gates them against the baseline
/// (environment: advisory, so a baseline from another machine informs but
/// cannot fail the demo), records the run in the history and adds the gate
/// result and the history's trends to the report.
Status run_benchmark_gate(Stage& stage, const BenchmarkStage& options);

}  // namespace gauntlet::demo::detail
