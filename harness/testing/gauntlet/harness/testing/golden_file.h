#pragma once
/// Approval testing: compares a producer's output with a committed file. Run
/// the tests with GAUNTLET_UPDATE_GOLDEN=1 to rewrite the files, then review
/// the diff. Golden files are produced by the producers' tests and read as
/// inputs by the readers' tests, so no reader test runs on a hand-written copy.
#include <cstdlib>
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "gauntlet/harness/atomic_file.h"
#include "gauntlet/harness/input_file.h"

namespace gauntlet::testing {

/// The golden file at `relative` below the source tree.
inline std::filesystem::path golden_path(const std::filesystem::path& relative) {
  return std::filesystem::path(GAUNTLET_SOURCE_DIR) / relative;
}

/// Expects `actual` to equal the file at `relative` (below the source tree),
/// pointing at the first differing byte; rewrites it under GAUNTLET_UPDATE_GOLDEN=1.
inline void expect_matches_golden(const std::string& actual, const std::filesystem::path& relative) {
  const std::filesystem::path path = golden_path(relative);
  const std::string name = relative.generic_string();
  const char* update = std::getenv("GAUNTLET_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    std::filesystem::create_directories(path.parent_path());
    ASSERT_TRUE(write_file_atomically(path, actual).ok());
    return;
  }
  Result<std::string> expected = read_input_file(path, "test file");
  ASSERT_TRUE(expected.ok()) << expected.error().to_string() << " (run with GAUNTLET_UPDATE_GOLDEN=1 to create it)";
  if (*expected == actual) return;
  // Point at the first difference; a full diff of large files is unreadable.
  std::size_t at = 0;
  while (at < expected->size() && at < actual.size() && (*expected)[at] == actual[at]) ++at;
  std::size_t from = at > 80 ? at - 80 : 0;
  ADD_FAILURE() << name << " differs at byte " << at << "\nexpected: ..." << expected->substr(from, 160)
                << "\nactual:   ..." << actual.substr(from, 160)
                << "\n(if the change is intended, re-run with GAUNTLET_UPDATE_GOLDEN=1 and review the diff)";
}

}  // namespace gauntlet::testing
