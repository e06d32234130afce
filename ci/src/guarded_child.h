#pragma once
// Runs a program to its end as a guarded child: in a process group of its
// own, watched by a small guardian process that dies with the caller.
#include "gauntlet/harness/error.h"

#include <cstdint>
#include <string>
#include <vector>

namespace gauntlet::ci::detail {

/// The resident memory of a guarded program, read from /proc every 10 ms
/// from its exec to its exit (its own image only: what fork copied is not
/// counted). All zero when it was never read (it ended within 10 ms).
struct ProgramMemory {
  std::uint64_t peak_rss_bytes = 0;   ///< highest resident set (VmHWM)
  std::uint64_t first_rss_bytes = 0;  ///< resident set at the first reading
  std::uint64_t last_rss_bytes = 0;   ///< resident set at the last reading
  int readings = 0;
};

/// How a guarded child ended.
struct ChildExit {
  int code = 0;    ///< exit status when `signal == 0`
  int signal = 0;  ///< terminating signal, or 0 for a normal exit
  ProgramMemory memory;
};

/// A program to run: `argv[0]` is its path (no PATH search), `env` its whole
/// environment (NAME=VALUE), `pass_fd` a descriptor it inherits under the
/// same number (-1: none). Its stdin and stdout are /dev/null; stderr is the
/// caller's. Nothing else of the caller's descriptors reaches it.
struct GuardedCommand {
  std::vector<std::string> argv;
  std::vector<std::string> env;
  int pass_fd = -1;
};

/// Runs `cmd` and waits for its end, blocking the calling thread meanwhile.
///
/// Process tree: the caller forks a guardian, the guardian forks the program.
/// The program leads a process group of its own and has a parent-death signal
/// (SIGKILL) on the guardian; the guardian has one (SIGTERM) on the calling
/// thread. When the program ends, the guardian SIGKILLs whatever is left in
/// its group and reaps it; when the caller dies (even by SIGKILL), the
/// guardian SIGKILLs the whole group and reaps the program. So nothing the
/// program started outlives the call or the caller, and every process is
/// reaped on every path. Needs no file and no process-wide state: signal
/// dispositions and masks of the caller are left as they were.
///
/// Errors: kInvalidArgument (empty argv), kUnavailable (cannot fork, or the
/// program cannot be executed: the system's reason), kInternal (the guardian
/// was lost: killed from outside, or reaped elsewhere).
Result<ChildExit> run_guarded(const GuardedCommand& cmd);

}  // namespace gauntlet::ci::detail
