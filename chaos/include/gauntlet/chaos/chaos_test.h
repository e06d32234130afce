#pragma once
/// GAUNTLET_CHAOS_TEST: a scenario as a GoogleTest test. The test fails with
/// every failing verdict's evidence and the command that replays the run.
///
///   GAUNTLET_CHAOS_TEST(Resilience, TransientOutage) {
///     return gauntlet::chaos::builtin_scenario("transient_outage");  // Result<Scenario> or Scenario
///   }
///
/// Seed: GAUNTLET_CHAOS_SEED (default 1). Time mode: GAUNTLET_CHAOS_TIME
/// ("virtual" or "real"), else the scenario's `default_mode`. With
/// GAUNTLET_CHAOS_JOURNAL_DIR set, the journal is written there as <name>.json.
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "gauntlet/chaos/journal.h"
#include "gauntlet/chaos/runner.h"

namespace gauntlet::chaos::testing {

/// Runs a scenario as the body of a test (see GAUNTLET_CHAOS_TEST).
inline void run_chaos_test(const Result<Scenario>& scenario) {
  ASSERT_TRUE(scenario.ok()) << scenario.error().to_string();
  RunOptions options;
  if (const char* seed = std::getenv("GAUNTLET_CHAOS_SEED")) options.seed = std::strtoull(seed, nullptr, 10);
  options.mode = scenario->default_mode;
  if (const char* mode = std::getenv("GAUNTLET_CHAOS_TIME")) {
    options.mode = std::string(mode) == "real" ? TimeMode::kReal : TimeMode::kVirtual;
  }
  auto run = run_scenario(*scenario, options);
  ASSERT_TRUE(run.ok()) << run.error().to_string();
  if (const char* dir = std::getenv("GAUNTLET_CHAOS_JOURNAL_DIR")) {
    Status written = write_text_file(std::string(dir) + "/" + scenario->name + ".json", journal_json(*scenario, *run));
    EXPECT_TRUE(written.ok()) << written.error().to_string();
  }
  for (const auto& v : run->verdicts) {
    EXPECT_TRUE(v.holds) << "hypothesis failed: " << v.hypothesis << " — " << v.evidence;
  }
  if (!run->passed()) ADD_FAILURE() << "replay: " << run->replay;
}

}  // namespace gauntlet::chaos::testing

/// Defines TEST(suite, name) whose body (the macro's braces) returns the
/// scenario to run.
#define GAUNTLET_CHAOS_TEST(suite, name)                                                                        \
  static ::gauntlet::Result<::gauntlet::chaos::Scenario> gauntlet_chaos_scenario_##suite##_##name();            \
  TEST(suite, name) { ::gauntlet::chaos::testing::run_chaos_test(gauntlet_chaos_scenario_##suite##_##name()); } \
  static ::gauntlet::Result<::gauntlet::chaos::Scenario> gauntlet_chaos_scenario_##suite##_##name()
