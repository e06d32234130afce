#pragma once
// promtool as a child process: `promtool check rules` and `promtool test
// rules` read what `gauntlet rules` writes, independently of Gauntlet.
#include <string>

namespace gauntlet::ci::rules::testing {

struct ToolRun {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

/// Runs a shell command line, capturing its output.
ToolRun run_tool(const std::string& command);

/// Whether promtool is installed; tests skip without it, except under CI
/// (environment variable CI set), where a missing promtool is a failure.
bool promtool_available();

/// Single-quoted for the shell.
std::string shell_quote(const std::string& text);

}  // namespace gauntlet::ci::rules::testing

/// Skips the test when promtool is missing outside CI; fails it in CI.
#define GAUNTLET_REQUIRE_PROMTOOL()                                                        \
  do {                                                                                     \
    if (!::gauntlet::ci::rules::testing::promtool_available()) {                           \
      if (std::getenv("CI") != nullptr) FAIL() << "promtool missing (Debian: prometheus)"; \
      GTEST_SKIP() << "promtool not installed (Debian package prometheus)";                \
    }                                                                                      \
  } while (false)
