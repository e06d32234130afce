#pragma once
/// What to launch as a supervised process and how to tell it is ready.
#include "gauntlet/harness/clock.h"

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace gauntlet::chaos::process {

/// How `SupervisedProcess` decides the target is ready to take traffic.
struct Readiness {
  enum class Kind {
    kNone,        ///< ready as soon as it is started
    kTcpConnect,  ///< a TCP connect to host:port succeeds
    kHttpGet,     ///< GET http://host:port<path> answers 2xx
    kLogLine,     ///< a line of stdout or stderr matches `log_regex` (ECMAScript)
  };
  Kind kind = Kind::kNone;
  std::string host = "127.0.0.1";  ///< loopback only unless `ProcessSpec::allow_remote`
  std::uint16_t port = 0;
  std::string path = "/";
  std::string log_regex;
  Nanos timeout_ns = 10 * kNanosPerSecond;       ///< give up (kUnavailable) after this
  Nanos poll_interval_ns = 20 * kNanosPerMilli;  ///< pause between probes
};

/// A command to run as a target: program, arguments, environment, directory.
struct ProcessSpec {
  std::string name;               ///< label for logs and the journal; [A-Za-z0-9_.-]+
  std::filesystem::path program;  ///< absolute path, or a name found on PATH
  std::vector<std::string> args;
  std::map<std::string, std::string> env;  ///< added to (or overriding) the inherited environment
  std::filesystem::path cwd;               ///< empty: the harness's working directory
  std::filesystem::path log_dir;           ///< stdout/stderr go to <log_dir>/<name>.{stdout,stderr}.log
  Readiness readiness;
  bool allow_remote = false;  ///< permit a non-loopback readiness host
};

}  // namespace gauntlet::chaos::process
