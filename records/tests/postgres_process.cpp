// The child processes of the throwaway PostgreSQL server: see
// postgres_process.h.
#include "postgres_process.h"

#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>
#include <system_error>
#include <thread>

namespace gauntlet::records::testing::detail {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// Writes a constant message to fd 2 from the forked child (async-signal-safe).
void child_fail(const char* what) {
  const char prefix[] = "gauntlet postgres_server: child failed: ";
  ssize_t ignored = ::write(2, prefix, sizeof(prefix) - 1);
  ignored = ::write(2, what, std::strlen(what));
  ignored = ::write(2, "\n", 1);
  (void)ignored;
  ::_exit(127);
}

// waitpid without blocking: the exit status once `pid` has exited (reaped).
std::optional<int> try_reap(pid_t pid) {
  int status = 0;
  for (;;) {
    const pid_t r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid) return status;
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) return -1;  // not our child any more (ECHILD): treat as gone
    return std::nullopt;
  }
}

// The processes whose parent is `pid`, from /proc/<n>/stat.
std::vector<pid_t> children_of(pid_t pid) {
  std::vector<pid_t> children;
  std::error_code ec;
  for (fs::directory_iterator it("/proc", ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.empty() || !std::all_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; })) continue;
    std::ifstream in(it->path() / "stat");
    std::string stat;
    if (!std::getline(in, stat)) continue;
    // "pid (comm) state ppid ...": comm may hold anything, so read after the last ')'.
    const std::size_t close = stat.rfind(')');
    if (close == std::string::npos) continue;
    std::istringstream rest(stat.substr(close + 1));
    std::string state;
    long ppid = 0;
    if (rest >> state >> ppid && ppid == pid) children.push_back(static_cast<pid_t>(std::stol(name)));
  }
  return children;
}

}  // namespace

std::string errno_text(int err) { return std::strerror(err); }

Result<Credentials> credentials() {
  Credentials creds;
  if (::geteuid() != 0) return creds;
  std::vector<char> buf(16384);
  passwd entry{};
  passwd* found = nullptr;
  const int rc = ::getpwnam_r("postgres", &entry, buf.data(), buf.size(), &found);
  if (rc != 0 || found == nullptr) {
    return Error(ErrorCode::kUnavailable,
                 "running as root and there is no `postgres` user to run the PostgreSQL server as (PostgreSQL "
                 "refuses to run as root); install the Debian package postgresql, which creates it");
  }
  creds.drop = true;
  creds.uid = found->pw_uid;
  creds.gid = found->pw_gid;
  return creds;
}

Result<pid_t> spawn(const ChildSpec& spec) {
  std::vector<char*> argv;
  for (const std::string& arg : spec.argv) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  const int devnull = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (devnull < 0) return Error(ErrorCode::kIoError, "open /dev/null: " + errno_text(errno));
  const pid_t parent = ::getpid();
  const Credentials creds = spec.credentials;
  const char* cwd = spec.working_directory.c_str();
  const int out = spec.stdout_fd;

  const pid_t pid = ::fork();
  if (pid < 0) {
    const int err = errno;
    ::close(devnull);
    return Error(ErrorCode::kIoError, "fork for " + spec.argv[0] + ": " + errno_text(err));
  }
  if (pid == 0) {
    // The child: async-signal-safe calls only.
    ::setpgid(0, 0);
    if (::dup2(devnull, 0) < 0 || ::dup2(out, 1) < 0 || ::dup2(out, 2) < 0) child_fail("dup2");
    sigset_t all;
    ::sigemptyset(&all);
    ::sigprocmask(SIG_SETMASK, &all, nullptr);  // this process only: the parent's mask is its own
    if (creds.drop) {
      // Before the death signal: a credential change clears it.
      if (::setgroups(1, &creds.gid) != 0) child_fail("setgroups");
      if (::setgid(creds.gid) != 0) child_fail("setgid");
      if (::setuid(creds.uid) != 0) child_fail("setuid");
    }
    if (::prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) child_fail("prctl(PR_SET_PDEATHSIG)");
    if (::getppid() != parent) ::_exit(127);  // the parent died before the death signal was set
    if (::chdir(cwd) != 0) child_fail("chdir");
    ::execv(argv[0], argv.data());
    child_fail("execv");
  }
  ::setpgid(pid, pid);  // also here, so the group exists whichever side runs first
  ::close(devnull);
  return pid;
}

int reap(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  return status;
}

bool has_exited(pid_t pid) {
  siginfo_t info{};
  for (;;) {
    const int r = ::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT);
    if (r == 0) return info.si_pid == pid;
    if (errno == EINTR) continue;
    return true;  // ECHILD: nothing left to wait for
  }
}

void stop_group(pid_t pid, int signal, std::chrono::steady_clock::duration grace) {
  if (signal != 0) ::kill(pid, signal);
  const auto deadline = Clock::now() + grace;
  while (!has_exited(pid) && Clock::now() < deadline) std::this_thread::sleep_for(kPoll);
  if (!has_exited(pid)) {
    ::kill(pid, SIGSTOP);
    for (pid_t child : children_of(pid)) {
      ::kill(-child, SIGKILL);
      ::kill(child, SIGKILL);
    }
  }
  ::kill(-pid, SIGKILL);  // the leader still unreaped: the group id cannot have been reused
  reap(pid);
}

std::string describe_status(int status) {
  if (WIFEXITED(status)) return "exited with status " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return "killed by signal " + std::to_string(WTERMSIG(status));
  return "ended (status " + std::to_string(status) + ")";
}

Result<int> open_log(const fs::path& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) return Error(ErrorCode::kIoError, "open " + path.string() + ": " + errno_text(errno));
  return fd;
}

std::string log_tail(const fs::path& log, std::size_t max_bytes) {
  std::ifstream in(log, std::ios::binary);
  if (!in) return "(no log at " + log.string() + ")";
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  if (text.size() > max_bytes) text = "..." + text.substr(text.size() - max_bytes);
  while (!text.empty() && text.back() == '\n') text.pop_back();
  return log.string() + ":\n" + text;
}

Status run_to_completion(ChildSpec spec, const fs::path& log, std::chrono::seconds timeout) {
  auto fd = open_log(log);
  if (!fd.ok()) return fd.error();
  spec.stdout_fd = *fd;
  auto pid = spawn(spec);
  ::close(*fd);
  if (!pid.ok()) return pid.error();
  const auto deadline = Clock::now() + timeout;
  for (;;) {
    if (auto status = try_reap(*pid)) {
      if (WIFEXITED(*status) && WEXITSTATUS(*status) == 0) return Status::Ok();
      return Error(ErrorCode::kInternal, spec.argv[0] + " " + describe_status(*status) + "; " + log_tail(log));
    }
    if (Clock::now() >= deadline) {
      stop_group(*pid, 0, std::chrono::seconds(0));
      return Error(ErrorCode::kInternal,
                   spec.argv[0] + " did not finish in " + std::to_string(timeout.count()) + " s; " + log_tail(log));
    }
    std::this_thread::sleep_for(kPoll);
  }
}

}  // namespace gauntlet::records::testing::detail
