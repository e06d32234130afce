#include "gauntlet/chaos/process/supervised_process.h"

#include "gauntlet/chaos/netload/http_probe.h"
#include "group_watchdog.h"
#include "launcher_thread.h"
#include "log_tail.h"

#include <boost/process/args.hpp>
#include <boost/process/child.hpp>
#include <boost/process/env.hpp>
#include <boost/process/environment.hpp>
#include <boost/process/exe.hpp>
#include <boost/process/extend.hpp>
#include <boost/process/io.hpp>
#include <boost/process/search_path.hpp>
#include <boost/process/start_dir.hpp>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <regex>
#include <thread>

#include <fcntl.h>
#include <linux/close_range.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace gauntlet::chaos::process {

namespace bp = boost::process;

struct SupervisedProcess::Child {
  bp::child child;
};

namespace {

bool valid_name(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
    if (!ok) return false;
  }
  return true;
}

ExitInfo decode(int status) {
  if (WIFSIGNALED(status)) return {0, WTERMSIG(status)};
  if (WIFEXITED(status)) return {WEXITSTATUS(status), 0};
  return {-1, 0};
}

void sleep_ns(Nanos ns) { std::this_thread::sleep_for(std::chrono::nanoseconds(ns)); }

// A log file for one incarnation's stdout or stderr, handed to the child.
using LogFile = std::unique_ptr<std::FILE, int (*)(std::FILE*)>;

// A log opened for incarnation `generation` (1 = the first start): truncated on
// the first start, so nothing of an earlier run survives; appended to on a
// restart, after a marker line of its own. Close-on-exec: only the child's
// stdout/stderr copy outlives exec. `start_offset` is where this incarnation's
// output begins.
Result<LogFile> open_log(const std::filesystem::path& path, int generation, std::uintmax_t& start_offset) {
  auto fail = [&](const char* what) {
    return Error(ErrorCode::kIoError, "log '" + path.string() + "': " + what + ": " + std::strerror(errno));
  };
  const int flags = O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC | (generation == 1 ? O_TRUNC : 0);
  const int fd = ::open(path.c_str(), flags, 0644);
  if (fd < 0) return fail("open");
  LogFile file(::fdopen(fd, "a"), &std::fclose);
  if (!file) {
    const Error e = fail("fdopen");
    ::close(fd);
    return e;
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0) return fail("stat");
  start_offset = static_cast<std::uintmax_t>(st.st_size);
  if (generation == 1) return file;
  std::string marker = "--- gauntlet: restart " + std::to_string(generation) + " ---\n";
  char last = '\n';
  if (st.st_size > 0 && ::pread(fd, &last, 1, st.st_size - 1) == 1 && last != '\n') marker.insert(0, "\n");
  for (std::size_t done = 0; done < marker.size();) {
    const ssize_t n = ::write(fd, marker.data() + done, marker.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return fail("write");
    done += static_cast<std::size_t>(n);
  }
  start_offset += marker.size();
  return file;
}

// True when a line of `path` from byte `offset` on (this incarnation's output)
// matches `pattern`.
bool has_line_from(const std::filesystem::path& path, std::uintmax_t offset, const std::regex& pattern) {
  std::ifstream in(path);
  if (!in || !in.seekg(static_cast<std::streamoff>(offset))) return false;
  std::string line;
  constexpr int kMaxLines = 1'000'000;  // bounded scan
  for (int i = 0; i < kMaxLines && std::getline(in, line); ++i) {
    if (std::regex_search(line, pattern)) return true;
  }
  return false;
}

std::string describe(const Readiness& r) {
  switch (r.kind) {
    case Readiness::Kind::kTcpConnect:
      return "tcp connect " + r.host + ":" + std::to_string(r.port);
    case Readiness::Kind::kHttpGet:
      return "HTTP GET " + r.host + ":" + std::to_string(r.port) + r.path;
    case Readiness::Kind::kLogLine:
      return "log line /" + r.log_regex + "/";
    case Readiness::Kind::kNone:
      break;
  }
  return "start";
}

}  // namespace

SupervisedProcess::SupervisedProcess(ProcessSpec spec, Clock& clock) : spec_(std::move(spec)), clock_(&clock) {}

SupervisedProcess::~SupervisedProcess() { kill_and_reap(); }

Result<std::unique_ptr<SupervisedProcess>> SupervisedProcess::launch(ProcessSpec spec, Clock& clock) {
  if (!valid_name(spec.name)) {
    return Error(ErrorCode::kInvalidArgument, "target name '" + spec.name + "' must match [A-Za-z0-9_.-]{1,64}");
  }
  const Readiness& r = spec.readiness;
  if (r.kind == Readiness::Kind::kTcpConnect || r.kind == Readiness::Kind::kHttpGet) {
    auto ep = netload::parse_endpoint(r.host + ":" + std::to_string(r.port), spec.allow_remote,
                                      "readiness of '" + spec.name + "'");
    if (!ep.ok()) return ep.error();
  }
  if (r.kind == Readiness::Kind::kLogLine) {
    try {
      std::regex check(r.log_regex);
    } catch (const std::regex_error& e) {
      return Error(ErrorCode::kInvalidArgument, "readiness regex of '" + spec.name + "': " + e.what());
    }
  }
  if (spec.log_dir.empty()) spec.log_dir = std::filesystem::temp_directory_path();
  std::error_code ec;
  std::filesystem::create_directories(spec.log_dir, ec);
  if (ec) return Error(ErrorCode::kIoError, "log dir '" + spec.log_dir.string() + "': " + ec.message());
  std::unique_ptr<SupervisedProcess> target(new SupervisedProcess(std::move(spec), clock));
  if (Status s = target->start(); !s.ok()) return s.error();
  if (Status s = target->await_ready(); !s.ok()) return s.error();
  return target;
}

std::filesystem::path SupervisedProcess::stdout_path() const { return spec_.log_dir / (spec_.name + ".stdout.log"); }
std::filesystem::path SupervisedProcess::stderr_path() const { return spec_.log_dir / (spec_.name + ".stderr.log"); }
std::string SupervisedProcess::stdout_tail(std::size_t max_bytes) const {
  return detail::file_tail(stdout_path(), max_bytes);
}
std::string SupervisedProcess::stderr_tail(std::size_t max_bytes) const {
  return detail::file_tail(stderr_path(), max_bytes);
}

Status SupervisedProcess::start() {
  std::filesystem::path program = spec_.program;
  if (!program.has_parent_path()) program = bp::search_path(program.string()).string();
  if (program.empty()) {
    return Error(ErrorCode::kUnavailable,
                 "target '" + spec_.name + "': program '" + spec_.program.string() + "' not found");
  }
  bp::environment env = boost::this_process::environment();
  for (const auto& [key, value] : spec_.env) env[key] = value;
  const pid_t parent = ::getpid();
  // Runs in the child between fork and exec: own process group, and SIGKILL
  // when the parent (thread) dies, even by SIGKILL.
  auto setup = [parent](auto&) {
    // Nothing of the harness leaks into the target: a proxy's listening
    // socket held open by a child would outlive the proxy being taken down.
    if (::close_range(3, ~0U, CLOSE_RANGE_CLOEXEC) != 0) {
      for (int fd = 3; fd < 65536; ++fd) ::fcntl(fd, F_SETFD, FD_CLOEXEC);
    }
    ::setpgid(0, 0);
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(127);
  };
  const std::filesystem::path cwd = spec_.cwd.empty() ? std::filesystem::current_path() : spec_.cwd;
  auto out = open_log(stdout_path(), generation_ + 1, stdout_from_);
  if (!out.ok()) return out.error();
  auto err = open_log(stderr_path(), generation_ + 1, stderr_from_);
  if (!err.ok()) return err.error();
  std::FILE* out_file = out->get();
  std::FILE* err_file = err->get();
  std::string failure;
  detail::run_on_launcher_thread([&] {
    try {
      child_ = std::make_unique<Child>(Child{bp::child(
          bp::exe = program.string(), bp::args = spec_.args, bp::env = env, bp::start_dir = cwd.string(),
          bp::std_in<bp::null, bp::std_out> out_file, bp::std_err > err_file, bp::extend::on_exec_setup = setup)});
    } catch (const std::exception& e) {
      failure = e.what();
    }
  });
  if (!failure.empty()) {
    return Error(ErrorCode::kUnavailable,
                 "target '" + spec_.name + "': cannot start " + program.string() + ": " + failure);
  }
  pid_ = child_->child.id();
  ::setpgid(pid_, pid_);  // also from the parent, so signals to the group never race the child's setpgid
  exit_.reset();
  ++generation_;
  // The parent-death signal ends the target only; the watchdog ends what it
  // started in its group when the harness dies.
  if (Status s = detail::watch_group(pid_); !s.ok()) {
    kill_and_reap();
    return Error(ErrorCode::kUnavailable, "target '" + spec_.name + "': " + s.error().message());
  }
  return {};
}

Status SupervisedProcess::await_ready() {
  const Readiness& r = spec_.readiness;
  if (r.kind == Readiness::Kind::kNone) return {};
  const Nanos poll = r.poll_interval_ns > 0 ? r.poll_interval_ns : kNanosPerMilli;
  const Nanos deadline = clock_->now_ns() + r.timeout_ns;
  const long max_polls = static_cast<long>(r.timeout_ns / poll) + 2;
  std::optional<std::regex> pattern;
  if (r.kind == Readiness::Kind::kLogLine) pattern.emplace(r.log_regex);
  const netload::Endpoint ep{r.host == "localhost" ? "127.0.0.1" : r.host, r.port};
  for (long i = 0; i < max_polls; ++i) {
    bool ready = false;
    switch (r.kind) {
      case Readiness::Kind::kTcpConnect:
        ready = netload::tcp_connects(ep);
        break;
      case Readiness::Kind::kHttpGet: {
        auto reply = netload::http_get(ep, r.path, poll * 10 > kNanosPerSecond ? poll * 10 : kNanosPerSecond);
        ready = reply.ok() && reply->status >= 200 && reply->status < 300;
        break;
      }
      case Readiness::Kind::kLogLine:
        ready = has_line_from(stdout_path(), stdout_from_, *pattern) ||
                has_line_from(stderr_path(), stderr_from_, *pattern);
        break;
      case Readiness::Kind::kNone:
        ready = true;
        break;
    }
    if (ready) return {};
    if (!running()) {
      const ExitInfo e = exit_.value_or(ExitInfo{});
      return Error(ErrorCode::kUnavailable,
                   "target '" + spec_.name + "' exited (" +
                       (e.signal ? "signal " + std::to_string(e.signal) : "code " + std::to_string(e.code)) +
                       ") before ready (" + describe(r) + "); stderr tail: " + stderr_tail(512));
    }
    if (clock_->now_ns() >= deadline) break;
    sleep_ns(poll);
  }
  const std::string tail = stderr_tail(512);
  kill_and_reap();
  return Error(ErrorCode::kUnavailable, "target '" + spec_.name + "' not ready after " +
                                            std::to_string(r.timeout_ns / kNanosPerMilli) + " ms (" + describe(r) +
                                            "); stderr tail: " + tail);
}

bool SupervisedProcess::running() {
  if (!child_ || exit_) return false;
  int status = 0;
  const pid_t got = ::waitpid(pid_, &status, WNOHANG);
  if (got == 0) return true;
  if (got == pid_) {
    exit_ = decode(status);
  } else {
    exit_ = ExitInfo{-1, 0};  // already reaped elsewhere
  }
  child_->child.detach();
  return false;
}

std::optional<ExitInfo> SupervisedProcess::exit_info() {
  running();
  return exit_;
}

Status SupervisedProcess::signal(int sig) {
  if (!running()) return Error(ErrorCode::kFailedPrecondition, "target '" + spec_.name + "' is not running");
  if (::kill(-pid_, sig) != 0) return Error(ErrorCode::kInternal, "kill(" + std::to_string(sig) + ") failed");
  return {};
}

Status SupervisedProcess::pause() { return signal(SIGSTOP); }
Status SupervisedProcess::resume() { return signal(SIGCONT); }

Result<ExitInfo> SupervisedProcess::wait_exit(Nanos timeout_ns) {
  constexpr Nanos kPoll = 5 * kNanosPerMilli;
  const Nanos deadline = clock_->now_ns() + timeout_ns;
  const long max_polls = static_cast<long>(timeout_ns / kPoll) + 2;
  for (long i = 0; i < max_polls; ++i) {
    if (!running()) return exit_.value_or(ExitInfo{-1, 0});
    if (clock_->now_ns() >= deadline) break;
    sleep_ns(kPoll);
  }
  return Error(ErrorCode::kUnavailable, "target '" + spec_.name + "' still running after " +
                                            std::to_string(timeout_ns / kNanosPerMilli) + " ms");
}

Result<ExitInfo> SupervisedProcess::stop(int sig, Nanos grace_ns) {
  if (!running()) {
    if (exit_) return *exit_;
    return Error(ErrorCode::kFailedPrecondition, "target '" + spec_.name + "' was never started");
  }
  ::kill(-pid_, sig);
  ::kill(-pid_, SIGCONT);  // a paused target must be able to act on SIGTERM
  auto done = wait_exit(grace_ns);
  if (done.ok()) return *done;
  kill_and_reap();
  return exit_.value_or(ExitInfo{0, SIGKILL});
}

Status SupervisedProcess::restart() {
  if (running()) kill_and_reap();
  if (Status s = start(); !s.ok()) return s;
  return await_ready();
}

void SupervisedProcess::kill_and_reap() noexcept {
  if (!child_) return;
  if (!exit_) {
    ::kill(-pid_, SIGKILL);
    int status = 0;
    // SIGKILL cannot be ignored: waitpid returns promptly.
    if (::waitpid(pid_, &status, 0) == pid_) {
      exit_ = decode(status);
    } else {
      exit_ = ExitInfo{-1, 0};
    }
  } else {
    ::kill(-pid_, SIGKILL);  // leftovers of the group, if any
  }
  detail::unwatch_group(pid_);
  child_->child.detach();
}

}  // namespace gauntlet::chaos::process
