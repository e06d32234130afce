#pragma once
// Test support: chaos journals made the way users get them, by running a
// scenario with the chaos runner and writing it with the chaos journal writer.
// The scenario has three phases of its own ("warm-up", "degraded",
// "cool-down"), two labelled faults during "degraded", and no breakers.
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "gauntlet/chaos/fault_point.h"
#include "gauntlet/chaos/journal.h"
#include "gauntlet/chaos/runner.h"
#include "gauntlet/harness/atomic_file.h"

namespace gauntlet::reports::testing {

inline constexpr const char* kLatencyLabel = "latency 300 ms on proxy backend (downstream)";
inline constexpr const char* kHostileLabel = "errors <b>20%</b> & \"retry\" on 'backend'";

/// The scenario; each phase lasts `phase`. Calls take 2 ms (virtual time) and
/// fail when the point "reports.test.backend" returns.
inline chaos::Scenario three_phase_scenario(Nanos phase) {
  using namespace chaos;
  Scenario s;
  s.name = "checkout-under-load";
  s.description = "three phases of a user's service";
  s.target_name = "callable";
  s.target = [](const RunContext&) -> Result<std::unique_ptr<Target>> {
    return std::unique_ptr<Target>(std::make_unique<CallableTarget>([](std::uint64_t) {
      FaultOutcome o = GAUNTLET_FAULT_POINT_EVAL("reports.test.backend");
      CallStatus status = o.action == FaultAction::kReturn ? CallStatus::kFailed : CallStatus::kOk;
      return CallResult{status, 2 * kNanosPerMilli + o.delay_ns};
    }));
  };
  s.load.pattern = LoadPattern::constant(100);
  s.duration = 3 * phase;
  s.interval = phase / 5;
  s.phases = {{"warm-up", 0, phase}, {"degraded", phase, 2 * phase}, {"cool-down", 2 * phase, 3 * phase}};
  ScheduledFault latency{
      "reports.test.backend", FaultKind::kLatency, phase, 2 * phase, 300.0 * kNanosPerMilli, 0, kLatencyLabel, {}};
  ScheduledFault errors{"reports.test.backend", FaultKind::kErrorRate, phase, 2 * phase, 0.2, 0, kHostileLabel, {}};
  s.schedule = FaultSchedule({latency, errors});
  s.hypotheses = {Hypothesis::latency_below("warm-up", 0.99, 100 * kNanosPerMilli),
                  Hypothesis::error_rate_below("degraded", 0.05), Hypothesis::conservation()};
  return s;
}

/// Runs the scenario and writes its journal to `dir/<name>.journal.json`.
inline std::filesystem::path write_journal(const std::filesystem::path& dir, const std::string& name,
                                           chaos::TimeMode mode, Nanos phase) {
  chaos::Scenario s = three_phase_scenario(phase);
  chaos::RunOptions options;
  options.seed = 7;
  options.mode = mode;
  Result<chaos::RunRecord> run = chaos::run_scenario(s, options);
  EXPECT_TRUE(run.ok()) << run.error().to_string();
  if (!run.ok()) return {};
  auto path = dir / (name + ".journal.json");
  EXPECT_TRUE(write_file_atomically(path, chaos::journal_json(s, *run)).ok());
  return path;
}

}  // namespace gauntlet::reports::testing
