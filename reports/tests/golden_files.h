#pragma once
// Approval testing: compares output with a file under tests/golden. Run the
// tests with GAUNTLET_UPDATE_GOLDEN=1 to rewrite the files, then review the diff.
#include <cstdlib>
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "gauntlet/harness/atomic_file.h"
#include "gauntlet/harness/input_file.h"

namespace gauntlet::reports::testing {

inline void expect_matches_golden(const std::string& actual, const std::string& name) {
  auto path = std::filesystem::path(GAUNTLET_SOURCE_DIR) / "reports" / "tests" / "golden" / name;
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

}  // namespace gauntlet::reports::testing
