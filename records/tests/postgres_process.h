#pragma once
// The child processes of the throwaway PostgreSQL server (postgres_server.h):
// initdb and the postmaster, started by fork/exec in a process group of their
// own (as the `postgres` user when we are root), waited for and stopped.
#include <sys/types.h>

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "gauntlet/harness/error.h"

namespace gauntlet::records::testing::detail {

/// How often the waits for a child (and for the server's readiness) poll.
inline constexpr auto kPoll = std::chrono::milliseconds(20);

/// std::strerror(err) as a string.
std::string errno_text(int err);

/// The credentials the children run with: none (ours), or the `postgres` user's
/// when we are root (PostgreSQL refuses to run as root).
struct Credentials {
  bool drop = false;
  uid_t uid = 0;
  gid_t gid = 0;
};

/// A child to start: everything it needs prepared before fork(), so that the
/// child only makes async-signal-safe calls before execv().
struct ChildSpec {
  std::vector<std::string> argv;
  std::string working_directory;
  int stdout_fd = -1;  // stdout and stderr both go here
  Credentials credentials;
};

/// The credentials for the children: ours when not root; when root, the
/// `postgres` user's, or kUnavailable when there is no such user. Call before
/// fork: getpwnam is not for a forked child.
Result<Credentials> credentials();

/// fork + exec of `spec`: the child in its own process group, as the
/// credentials' user, killed when this thread dies; stdin from /dev/null.
/// Returns the child's pid (also its process group id).
Result<pid_t> spawn(const ChildSpec& spec);

/// waitpid, blocking until `pid` has exited (reaped): its exit status, -1 when
/// it is not our child.
int reap(pid_t pid);

/// Whether `pid` has exited (not reaped: its pid and process group stay ours).
bool has_exited(pid_t pid);

/// Stops the postmaster `pid`: `signal` to it, up to `grace` for it to exit;
/// then, if it has not, SIGKILL to what is left. PostgreSQL puts each child
/// process in a session of its own, so the postmaster's group does not hold
/// them: the postmaster is stopped (no new children), each child's group is
/// killed while it is still its child (its pid cannot be reused), then the
/// postmaster's group. The postmaster is reaped last. `signal` 0 sends none.
void stop_group(pid_t pid, int signal, std::chrono::steady_clock::duration grace);

/// A wait status in words: "exited with status N", "killed by signal N".
std::string describe_status(int status);

/// Opens `path` for appending (created 0644 if missing, close-on-exec): the fd,
/// which the caller closes.
Result<int> open_log(const std::filesystem::path& path);

/// The last `max_bytes` of a log file, for error messages.
std::string log_tail(const std::filesystem::path& log, std::size_t max_bytes = 2000);

/// Runs `spec` to completion; its output goes to `log` (appended). Ok when it
/// exits with status 0; an error with the log's tail when it fails, or when it
/// has not finished within `timeout` (then its process group is killed).
Status run_to_completion(ChildSpec spec, const std::filesystem::path& log, std::chrono::seconds timeout);

}  // namespace gauntlet::records::testing::detail
