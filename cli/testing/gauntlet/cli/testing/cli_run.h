#pragma once
/// Running `gauntlet` in-process in tests: the registered subcommands of the
/// test binary, parsed and run by `run_command_line` with string streams.
#include "gauntlet/cli/command_registry.h"

#include <sstream>
#include <string>
#include <vector>

namespace gauntlet::cli::testing {

/// What one command line did: its exit code and what it wrote.
struct CliRun {
  int code = 0;
  std::string out;
  std::string err;
};

/// Runs `gauntlet <args...>` as version `version`; `out_is_terminal` is false.
inline CliRun run_cli(const std::vector<std::string>& args, const std::string& version = "0.0.0-test") {
  std::vector<const char*> argv{"gauntlet"};
  for (const std::string& a : args) argv.push_back(a.c_str());
  std::ostringstream out, err;
  CommandIO io{out, err};
  const int code = run_command_line(static_cast<int>(argv.size()), argv.data(), io, version);
  return {code, out.str(), err.str()};
}

}  // namespace gauntlet::cli::testing
