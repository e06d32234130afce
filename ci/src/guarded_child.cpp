#include "guarded_child.h"

#include "process_memory_sampler.h"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <ctime>

#include <fcntl.h>
#include <linux/close_range.h>
#include <pthread.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace gauntlet::ci::detail {
namespace {

// What the guardian (or the program, when exec fails) tells the caller
// through a close-on-exec pipe: one record, written before it exits.
struct Record {
  enum Kind : int { kStartFailed = 1, kEnded = 2 };
  int kind = 0;
  int value = 0;               ///< errno for kStartFailed, the wait status for kEnded
  MemoryReadings memory = {};  ///< kEnded: the program's resident memory
};

// Everything below runs between fork and exec or in the guardian, which
// never execs: async-signal-safe calls only (no allocation, no locks).

void put(int fd, Record r) noexcept {
  const char* p = reinterpret_cast<const char*>(&r);
  std::size_t left = sizeof r;
  while (left > 0) {
    const ssize_t n = ::write(fd, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    p += n;
    left -= static_cast<std::size_t>(n);
  }
}

// Marks every descriptor from 3 up close-on-exec.
void cloexec_from_3() noexcept {
  if (::close_range(3, ~0U, CLOSE_RANGE_CLOEXEC) == 0) return;
  for (int fd = 3; fd < 65536; ++fd) ::fcntl(fd, F_SETFD, FD_CLOEXEC);
}

// Closes every descriptor from `first` to `last` (inclusive).
void close_span(unsigned first, unsigned last) noexcept {
  if (first > last) return;
  if (::close_range(first, last, 0) == 0) return;
  for (unsigned fd = first; fd <= last && fd < 65536; ++fd) ::close(static_cast<int>(fd));
}

struct Prepared {
  char* const* argv;
  char* const* envp;
  int pass_fd;
  int null_fd;
  int report_fd;  ///< write end of the record pipe
  sigset_t caller_mask;
  pid_t caller;  ///< the caller's pid (the guardian's parent)
};

[[noreturn]] void exec_program(const Prepared& p, pid_t guardian) noexcept {
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() != guardian) ::_exit(127);  // the guardian died before the prctl
  ::setpgid(0, 0);
  ::sigprocmask(SIG_SETMASK, &p.caller_mask, nullptr);
  ::dup2(p.null_fd, STDIN_FILENO);
  ::dup2(p.null_fd, STDOUT_FILENO);
  cloexec_from_3();
  if (p.pass_fd >= 0) ::fcntl(p.pass_fd, F_SETFD, 0);
  ::execve(p.argv[0], p.argv, p.envp);
  put(p.report_fd, {Record::kStartFailed, errno});
  ::_exit(127);
}

// Kills whatever is left of the program's group, reaps the program, reports.
[[noreturn]] void finish(pid_t program, int report_fd, const MemoryReadings& memory) noexcept {
  // The program is not reaped yet (or is being killed), so its pid, and with
  // it the group id, cannot have been reused.
  ::kill(-program, SIGKILL);
  int status = 0;
  while (::waitpid(program, &status, 0) < 0 && errno == EINTR) {
  }
  put(report_fd, {Record::kEnded, status, memory});
  ::_exit(0);
}

long long monotonic_ns() noexcept {
  struct timespec now {};
  ::clock_gettime(CLOCK_MONOTONIC, &now);  // async-signal-safe
  return static_cast<long long>(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
}

[[noreturn]] void guard(const Prepared& p) noexcept {
  // All signals stay blocked (the caller blocked them around fork): the
  // guardian only takes them from sigtimedwait below.
  ::setpgid(0, 0);
  struct sigaction dfl {};
  dfl.sa_handler = SIG_DFL;
  ::sigaction(SIGCHLD, &dfl, nullptr);  // a caller that ignores SIGCHLD must not auto-reap the program
  ::prctl(PR_SET_PDEATHSIG, SIGTERM);
  if (::getppid() != p.caller) ::_exit(0);  // the caller died before the prctl
  const pid_t guardian = ::getpid();
  // The program holds the write end until exec closes it: end of file on the
  // read end says the program image is in place (its memory is its own, no
  // longer the copy of ours that fork made).
  int exec_pipe[2];
  if (::pipe2(exec_pipe, O_CLOEXEC | O_NONBLOCK) != 0) {
    put(p.report_fd, {Record::kStartFailed, errno});
    ::_exit(0);
  }
  const pid_t program = ::_Fork();
  if (program < 0) {
    put(p.report_fd, {Record::kStartFailed, errno});
    ::_exit(0);
  }
  if (program == 0) exec_program(p, guardian);
  ::setpgid(program, program);  // also here, so the group exists before any kill(-program)
  // Keep only the report pipe and the exec watch: nothing of the caller's
  // stays open here.
  ::dup2(exec_pipe[0], p.report_fd == 3 ? 4 : 3);
  const int exec_watch = p.report_fd == 3 ? 4 : 3;
  const auto report = static_cast<unsigned>(p.report_fd);
  const auto watch = static_cast<unsigned>(exec_watch);
  const unsigned low = std::min(report, watch), high = std::max(report, watch);
  close_span(3, low - 1);
  close_span(low + 1, high - 1);
  close_span(high + 1, ~0U);
  ::fcntl(exec_watch, F_SETFL, O_NONBLOCK);
  bool execed = false;
  long long exec_ns = 0;
  MemoryReadings memory;

  sigset_t wake;
  ::sigemptyset(&wake);
  for (int sig : {SIGCHLD, SIGTERM, SIGINT, SIGHUP, SIGQUIT}) ::sigaddset(&wake, sig);
  for (;;) {
    // Memory is read every 10 ms: VmHWM keeps the peak in between, so only
    // growth in the program's last 10 ms can be missed.
    const struct timespec tick { 0, 10'000'000 };
    siginfo_t info;
    const int sig = ::sigtimedwait(&wake, &info, &tick);
    // The caller died (parent-death signal, or noticed on a tick) or the
    // guardian was told to stop: the whole group goes.
    if ((sig > 0 && sig != SIGCHLD) || ::getppid() != p.caller) finish(program, p.report_fd, memory);
    if (!execed) {
      char byte;
      execed = ::read(exec_watch, &byte, 1) == 0;  // EAGAIN: not yet
      if (execed) exec_ns = monotonic_ns();
    }
    // The program's start is read 30 ms after its exec: the dynamic loader
    // has mapped its libraries by then, so growth is what it did after.
    if (execed) memory.read(program, monotonic_ns() - exec_ns >= 30'000'000);
    siginfo_t ended{};
    const int options = WEXITED | WNOHANG | WNOWAIT;  // WNOWAIT: reaped only in finish()
    if (::waitid(P_PID, static_cast<id_t>(program), &ended, options) == 0 && ended.si_pid == program)
      finish(program, p.report_fd, memory);
  }
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
  std::vector<char*> out;
  out.reserve(strings.size() + 1);
  for (std::string& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

class Fd {
 public:
  explicit Fd(int fd = -1) noexcept : fd_(fd) {}
  ~Fd() { reset(); }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const noexcept { return fd_; }
  void reset() noexcept {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_;
};

}  // namespace

Result<ChildExit> run_guarded(const GuardedCommand& cmd) {
  if (cmd.argv.empty()) return Error(ErrorCode::kInvalidArgument, "run_guarded: empty command");
  // Everything the children need is made before fork.
  std::vector<std::string> arg_strings = cmd.argv, env_strings = cmd.env;
  const std::vector<char*> argv = pointers(arg_strings), envp = pointers(env_strings);
  const std::string& program = cmd.argv.front();
  Fd null_fd(::open("/dev/null", O_RDWR | O_CLOEXEC));
  if (null_fd.get() < 0)
    return Error(ErrorCode::kUnavailable, program + ": cannot open /dev/null (" + std::strerror(errno) + ")");
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0)
    return Error(ErrorCode::kUnavailable, program + ": cannot create a pipe (" + std::strerror(errno) + ")");
  Fd report_in(pipe_fds[0]), report_out(pipe_fds[1]);
  ::fcntl(report_in.get(), F_SETFL, O_NONBLOCK);  // a lost guardian must not leave the caller waiting here

  Prepared p{argv.data(), envp.data(), cmd.pass_fd, null_fd.get(), report_out.get(), {}, ::getpid()};
  // Signals stay blocked from fork until the guardian waits for them, so no
  // handler of the caller ever runs in the guardian.
  sigset_t all;
  ::sigfillset(&all);
  ::pthread_sigmask(SIG_SETMASK, &all, &p.caller_mask);
  const pid_t guardian = ::fork();
  if (guardian == 0) guard(p);
  const int fork_errno = errno;
  ::pthread_sigmask(SIG_SETMASK, &p.caller_mask, nullptr);
  if (guardian < 0)
    return Error(ErrorCode::kUnavailable, program + ": cannot start (" + std::strerror(fork_errno) + ")");
  report_out.reset();  // only the guardian and the program write

  int status = 0;
  while (::waitpid(guardian, &status, 0) < 0 && errno == EINTR) {
  }
  // Every writer is gone now (the guardian reaped the program before it
  // exited, and the program's copy closed at exec), so this read never blocks.
  Record r;
  ssize_t got = 0;
  while ((got = ::read(report_in.get(), &r, sizeof r)) < 0 && errno == EINTR) {
  }
  if (got != static_cast<ssize_t>(sizeof r))
    return Error(ErrorCode::kInternal, program + ": the process watching it was lost");
  if (r.kind == Record::kStartFailed)
    return Error(ErrorCode::kUnavailable, program + ": cannot start (" + std::strerror(r.value) + ")");
  ChildExit exit{WIFEXITED(r.value) ? WEXITSTATUS(r.value) : -1, WIFSIGNALED(r.value) ? WTERMSIG(r.value) : 0, {}};
  if (exit.signal != 0) exit.code = 0;
  if (r.memory.count > 0)
    exit.memory = {r.memory.peak_kib * 1024, r.memory.first_kib * 1024, r.memory.last_kib * 1024, r.memory.count};
  return exit;
}

}  // namespace gauntlet::ci::detail
