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

/// xmllint's complaints about `page` (an HTML file) other than the expected
/// ones: libxml2's HTML parser knows HTML 4 only, so "Tag ... invalid" for
/// HTML5 and SVG element names is expected; anything else (bad nesting, stray
/// end tags, repeated ids) is returned, one line each. `out` gets the whole output.
inline std::string html_problems(const std::string& xmllint, const std::string& page, std::string& out) {
  out = run_shell("'" + xmllint + "' --html --noout '" + page + "'").second;
  std::string problems;
  std::size_t start = 0;
  while (start < out.size()) {
    std::size_t end = out.find('\n', start);
    std::string line = out.substr(start, end == std::string::npos ? std::string::npos : end - start);
    start = end == std::string::npos ? out.size() : end + 1;
    // "file:line: HTML parser error : what", then the source line and a caret line.
    if (line.rfind(page + ":", 0) != 0 || line.find("error") == std::string::npos) continue;
    if (line.find(" invalid") != std::string::npos && line.find(": Tag ") != std::string::npos) continue;
    problems += line + "\n";
  }
  return problems;
}

}  // namespace gauntlet::reports::testing

/// Sets `var` to the program's path, or skips the test (fails it under CI=true).
#define GAUNTLET_REQUIRE_PROGRAM(var, program)                                                    \
  const std::string var = ::gauntlet::reports::testing::find_program(program);                    \
  if (var.empty()) {                                                                              \
    if (::gauntlet::reports::testing::running_in_ci()) FAIL() << program << " is required in CI"; \
    GTEST_SKIP() << program << " not installed";                                                  \
  }
