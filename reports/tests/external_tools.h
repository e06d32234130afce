#pragma once
// Test support: independent programs (xmllint, chromium) the tests feed our
// output to. Missing locally: the test is skipped. Missing in CI (CI=true): fails.
#include <array>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include <gtest/gtest.h>

namespace gauntlet::reports::testing {

/// Full path of `program` on PATH, or "" when absent.
inline std::string find_program(const std::string& program) {
  std::string cmd = "command -v '" + program + "' 2>/dev/null";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(cmd.c_str(), "r"), pclose);
  if (!pipe) return {};
  std::array<char, 512> buf{};
  std::string out;
  while (fgets(buf.data(), static_cast<int>(buf.size()), pipe.get()) != nullptr) out += buf.data();
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

inline bool running_in_ci() {
  const char* ci = std::getenv("CI");
  return ci != nullptr && std::string(ci) == "true";
}

/// Runs a shell command, returns exit status and combined output.
inline std::pair<int, std::string> run_shell(const std::string& command) {
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen((command + " 2>&1").c_str(), "r"), pclose);
  std::string out;
  if (!pipe) return {-1, out};
  std::array<char, 4096> buf{};
  while (fgets(buf.data(), static_cast<int>(buf.size()), pipe.get()) != nullptr) out += buf.data();
  int status = pclose(pipe.release());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

}  // namespace gauntlet::reports::testing

/// Sets `var` to the program's path, or skips the test (fails it under CI=true).
#define GAUNTLET_REQUIRE_PROGRAM(var, program)                                                  \
  const std::string var = ::gauntlet::reports::testing::find_program(program);                 \
  if (var.empty()) {                                                                            \
    if (::gauntlet::reports::testing::running_in_ci()) FAIL() << program << " is required in CI"; \
    GTEST_SKIP() << program << " not installed";                                                \
  }
