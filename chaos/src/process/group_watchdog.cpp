#include "group_watchdog.h"

#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstring>
#include <mutex>
#include <string>
#include <vector>

#include <fcntl.h>
#include <linux/close_range.h>
#include <pthread.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

namespace gauntlet::chaos::process::detail {
namespace {

// Groups watched at once; more are refused (kUnavailable), never dropped.
constexpr std::size_t kMaxGroups = 8192;

// Runs in the forked watchdog: async-signal-safe calls only, no allocation
// (`table` was allocated before the fork).
[[noreturn]] void watch(int in, int harness_end, std::int32_t* table) noexcept {
  ::setpgid(0, 0);
  ::close(harness_end);
  // Nothing of the harness stays open here but the socket: not its stdio (a
  // reader of the harness's output sees its end at once), not a proxy's
  // listening socket (which would outlive the proxy).
  const int null_fd = ::open("/dev/null", O_RDWR);
  for (int fd = 0; fd < 3 && null_fd >= 0; ++fd) {
    if (fd != in) ::dup2(null_fd, fd);
  }
  if (in > 3) ::close_range(3, static_cast<unsigned>(in) - 1, 0);
  ::close_range(static_cast<unsigned>(in < 3 ? 3 : in + 1), ~0U, 0);
  std::size_t used = 0;
  for (;;) {
    std::int32_t msg = 0;
    std::size_t got = 0;
    while (got < sizeof msg) {
      const ssize_t n = ::read(in, reinterpret_cast<char*>(&msg) + got, sizeof msg - got);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      got += static_cast<std::size_t>(n);
    }
    if (got < sizeof msg) break;  // end of file: the harness is gone
    if (msg > 0 && used < kMaxGroups) {
      table[used++] = msg;
    } else if (msg < 0) {
      for (std::size_t i = 0; i < used; ++i) {
        if (table[i] == -msg) {
          table[i] = table[--used];
          break;
        }
      }
    }
  }
  for (std::size_t i = 0; i < used; ++i) ::kill(-table[i], SIGKILL);
  ::_exit(0);
}

class Watchdog {
 public:
  Status add(pid_t pgid) {
    std::lock_guard lock(mutex_);
    if (groups_.size() >= kMaxGroups)
      return Error(ErrorCode::kUnavailable, "group watchdog: more than " + std::to_string(kMaxGroups) + " targets");
    groups_.push_back(pgid);
    if (out_ >= 0 && send(static_cast<std::int32_t>(pgid))) return {};
    // Not started yet, or gone (killed from outside): a new one gets every group.
    if (Status s = restart(); !s.ok()) {
      groups_.pop_back();
      return s;
    }
    return {};
  }

  void remove(pid_t pgid) noexcept {
    std::lock_guard lock(mutex_);
    for (auto it = groups_.begin(); it != groups_.end(); ++it) {
      if (*it == pgid) {
        groups_.erase(it);
        if (out_ >= 0) send(-static_cast<std::int32_t>(pgid));
        return;
      }
    }
  }

 private:
  Status restart() {
    if (out_ >= 0) ::close(out_);
    out_ = -1;
    if (pid_ > 0) ::waitpid(pid_, nullptr, WNOHANG);  // the one that is gone
    pid_ = -1;
    int fds[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0)
      return Error(ErrorCode::kUnavailable, std::string("group watchdog: socketpair: ") + std::strerror(errno));
    std::vector<std::int32_t> table(kMaxGroups);
    // Every signal blocked from the fork on: no handler of the harness runs
    // in the watchdog, and a Ctrl-C meant for the harness does not stop it.
    sigset_t all, old;
    ::sigfillset(&all);
    ::pthread_sigmask(SIG_SETMASK, &all, &old);
    const pid_t pid = ::fork();
    if (pid == 0) watch(fds[0], fds[1], table.data());
    const int fork_errno = errno;
    ::pthread_sigmask(SIG_SETMASK, &old, nullptr);
    ::close(fds[0]);
    if (pid < 0) {
      ::close(fds[1]);
      return Error(ErrorCode::kUnavailable, std::string("group watchdog: fork: ") + std::strerror(fork_errno));
    }
    ::setpgid(pid, pid);
    out_ = fds[1];
    pid_ = pid;
    for (pid_t g : groups_) {
      if (!send(static_cast<std::int32_t>(g)))
        return Error(ErrorCode::kUnavailable, std::string("group watchdog: ") + std::strerror(errno));
    }
    return {};
  }

  // One 4-byte message; MSG_NOSIGNAL: a dead watchdog is an error, not SIGPIPE.
  bool send(std::int32_t msg) noexcept {
    const char* p = reinterpret_cast<const char*>(&msg);
    std::size_t left = sizeof msg;
    while (left > 0) {
      const ssize_t n = ::send(out_, p, left, MSG_NOSIGNAL);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;
      p += n;
      left -= static_cast<std::size_t>(n);
    }
    return true;
  }

  std::mutex mutex_;
  int out_ = -1;  ///< the harness's end; open for its whole life (closed by its death)
  pid_t pid_ = -1;
  std::vector<pid_t> groups_;
};

// Never destroyed: the pipe must stay open until the process itself ends.
Watchdog& watchdog() {
  static Watchdog* instance = new Watchdog;
  return *instance;
}

}  // namespace

Status watch_group(pid_t pgid) {
  if (pgid <= 0) return Error(ErrorCode::kInvalidArgument, "group watchdog: bad process group");
  return watchdog().add(pgid);
}

void unwatch_group(pid_t pgid) noexcept {
  if (pgid > 0) watchdog().remove(pgid);
}

}  // namespace gauntlet::chaos::process::detail
