#pragma once
/// One supervised child process under test: launched in its own process group,
/// killed with it when the harness dies (parent-death signal), always reaped.
/// (A chaos `Target` made of several of them is `ProcessTarget`.)
#include "gauntlet/chaos/process/process_spec.h"
#include "gauntlet/harness/clock.h"
#include "gauntlet/harness/error.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace gauntlet::chaos::process {

/// How a target ended.
struct ExitInfo {
  int code = 0;    ///< exit status when `signal == 0`
  int signal = 0;  ///< terminating signal, or 0 for a normal exit
  friend bool operator==(const ExitInfo&, const ExitInfo&) = default;
};

/// One running (or finished) target. Not copyable; not thread-safe: drive one
/// target from one thread at a time. Targets are forked from one process-wide
/// launcher thread, so the kernel's parent-death signal (SIGKILL) fires only
/// when the harness process itself dies, whichever thread launched them.
/// What a target starts in its own group (a shell's children, a server's
/// workers) is SIGKILLed with the group by a small watchdog process when the
/// harness dies, even by SIGKILL, and when the SupervisedProcess is destroyed.
///
/// Logs: stdout and stderr go to `stdout_path()` / `stderr_path()`. The first
/// start of a SupervisedProcess truncates both, so nothing of an earlier run (an
/// old traceback) survives into this one. Each restart appends to both, after a
/// marker line `--- gauntlet: restart N ---` (N = the new `generation()`, on a
/// line of its own), so a tail shows the latest incarnation's output after the
/// last marker. `Readiness::Kind::kLogLine` only matches the current
/// incarnation's lines.
class SupervisedProcess {
 public:
  /// Starts `spec` and waits for its readiness; truncates its logs first.
  /// Errors: kInvalidArgument (bad name, remote host without allow_remote),
  /// kUnavailable (cannot start, exited or not ready in time; the message
  /// carries the stderr tail), kIoError (logs).
  static Result<std::unique_ptr<SupervisedProcess>> launch(ProcessSpec spec, Clock& clock);

  /// Kills the whole process group with SIGKILL and reaps it.
  ~SupervisedProcess();
  SupervisedProcess(const SupervisedProcess&) = delete;
  SupervisedProcess& operator=(const SupervisedProcess&) = delete;

  const ProcessSpec& spec() const noexcept { return spec_; }
  /// Pid of the current incarnation (also its process-group id).
  int pid() const noexcept { return pid_; }
  /// Times started (1 after launch, +1 per restart).
  int generation() const noexcept { return generation_; }

  /// True while the process has not exited (reaps it if it has).
  bool running();
  /// How it ended, once it has.
  std::optional<ExitInfo> exit_info();

  /// Sends `sig` to the process group. kFailedPrecondition when not running.
  Status signal(int sig);
  /// Sends `sig` (SIGTERM or SIGKILL), waits up to `grace_ns` for the exit,
  /// then SIGKILLs the group; always reaps. Returns how it ended.
  Result<ExitInfo> stop(int sig, Nanos grace_ns = 5 * kNanosPerSecond);
  /// SIGSTOP / SIGCONT to the group.
  Status pause();
  Status resume();
  /// Stops it (SIGKILL) if running, writes the restart marker to both logs,
  /// starts it again (its output appended after the marker) and waits for
  /// readiness.
  Status restart();
  /// Waits up to `timeout_ns` for the process to exit by itself.
  /// kUnavailable when it is still running after that.
  Result<ExitInfo> wait_exit(Nanos timeout_ns);

  /// The last `max_bytes` of captured stdout / stderr (for the journal); after a
  /// restart they may reach back past the marker into earlier incarnations.
  std::string stdout_tail(std::size_t max_bytes = 2048) const;
  std::string stderr_tail(std::size_t max_bytes = 2048) const;
  std::filesystem::path stdout_path() const;
  std::filesystem::path stderr_path() const;

 private:
  struct Child;
  SupervisedProcess(ProcessSpec spec, Clock& clock);
  Status start();
  Status await_ready();
  void kill_and_reap() noexcept;

  ProcessSpec spec_;
  Clock* clock_;
  std::unique_ptr<Child> child_;
  int pid_ = -1;
  int generation_ = 0;
  std::uintmax_t stdout_from_ = 0;  ///< where the current incarnation's stdout begins in its log
  std::uintmax_t stderr_from_ = 0;
  std::optional<ExitInfo> exit_;
};

}  // namespace gauntlet::chaos::process
