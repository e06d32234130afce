#pragma once
// Folders that tests create for process logs: removed after each test that
// passed, kept after one that failed (its logs are the evidence).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

namespace gauntlet::chaos::testing {

namespace detail {

inline std::vector<std::filesystem::path>& scratch_dirs() {
  static std::vector<std::filesystem::path> dirs;
  return dirs;
}

class ScratchDirCleaner final : public ::testing::EmptyTestEventListener {
  void OnTestEnd(const ::testing::TestInfo& info) override {
    for (const auto& dir : scratch_dirs()) {
      std::error_code ignored;
      if (info.result() != nullptr && !info.result()->Failed()) std::filesystem::remove_all(dir, ignored);
    }
    scratch_dirs().clear();
  }
};

// One listener per test binary, appended before the tests run.
inline const bool kCleanerRegistered = [] {
  ::testing::UnitTest::GetInstance()->listeners().Append(new ScratchDirCleaner);
  return true;
}();

}  // namespace detail

/// `<temp>/gauntlet_<name>_<pid>`, created now and removed when the current
/// test ends, unless it failed.
inline std::filesystem::path scratch_dir(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / ("gauntlet_" + name + "_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  detail::scratch_dirs().push_back(dir);
  return dir;
}

}  // namespace gauntlet::chaos::testing
