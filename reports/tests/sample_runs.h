#pragma once
// Test support: a scratch folder per test and runs of the sample GoogleTest program.
#include <cstdlib>
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

namespace gauntlet::reports::testing {

/// A fresh, empty folder for the current test under the build tree.
inline std::filesystem::path scratch_dir() {
  const ::testing::TestInfo* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::filesystem::path dir = std::filesystem::path(GAUNTLET_BINARY_DIR) / "reports-scratch" /
                              (std::string(info->test_suite_name()) + "." + info->name());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

/// The gate result the gate itself wrote (ci/tests/gate_golden_test.cpp),
/// relative to the source tree.
inline const std::filesystem::path kGateGolden = "ci/tests/golden/gate.json";

/// Journals the chaos runner wrote for two built-in scenarios
/// (fixtures/chaos_scenarios/tests/journal_golden_test.cpp), relative to the
/// source tree: the failing one first.
inline const std::filesystem::path kJournalGoldens[] = {
    "fixtures/chaos_scenarios/tests/golden/gradual_failure_no_breaker.journal.json",
    "fixtures/chaos_scenarios/tests/golden/transient_outage.journal.json"};

inline std::filesystem::path data_dir() {
  return std::filesystem::path(GAUNTLET_SOURCE_DIR) / "reports" / "tests" / "data";
}

/// Runs the sample suite with `--gtest_output=<format>:<out>` and extra
/// environment assignments (e.g. "GTEST_TOTAL_SHARDS=3 GTEST_SHARD_INDEX=0").
/// Returns the exit status (the suite fails on purpose, so it is not 0).
inline int run_sample_suite(const std::string& format, const std::filesystem::path& out, const std::string& env = "") {
  std::string cmd = env + (env.empty() ? "" : " ") + "'" + GAUNTLET_SAMPLE_SUITE + "' --gtest_output=" + format + ":'" +
                    out.string() + "' > /dev/null 2>&1";
  return std::system(cmd.c_str());
}

}  // namespace gauntlet::reports::testing
