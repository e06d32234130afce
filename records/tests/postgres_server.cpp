#include "postgres_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <grp.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>
#include <string_view>
#include <system_error>
#include <thread>
#include <vector>

namespace gauntlet::records::testing {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr const char* kSuperuser = "gauntlet";
constexpr auto kInitdbTimeout = std::chrono::seconds(120);
constexpr auto kReadyTimeout = std::chrono::seconds(60);
constexpr auto kShutdownTimeout = std::chrono::seconds(10);
constexpr int kPortRetries = 3;  // further tries after a start lost its port
constexpr auto kPoll = std::chrono::milliseconds(20);

std::string errno_text(int err) { return std::strerror(err); }

// The credentials the children run with: none (ours), or the `postgres` user's
// when we are root (PostgreSQL refuses to run as root).
struct Credentials {
  bool drop = false;
  uid_t uid = 0;
  gid_t gid = 0;
};

// A child to start: everything it needs prepared before fork(), so that the
// child only makes async-signal-safe calls before execv().
struct ChildSpec {
  std::vector<std::string> argv;
  std::string working_directory;
  int stdout_fd = -1;  // stdout and stderr both go here
  Credentials credentials;
};

bool is_executable(const fs::path& path) {
  std::error_code ec;
  return fs::is_regular_file(path, ec) && ::access(path.c_str(), X_OK) == 0;
}

std::optional<fs::path> pg_config_bindir() {
  FILE* pipe = ::popen("pg_config --bindir 2>/dev/null", "r");
  if (pipe == nullptr) return std::nullopt;
  std::string out;
  std::array<char, 512> buf{};
  while (std::size_t n = std::fread(buf.data(), 1, buf.size(), pipe)) out.append(buf.data(), n);
  if (::pclose(pipe) != 0) return std::nullopt;
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r' || out.back() == ' ')) out.pop_back();
  if (out.empty()) return std::nullopt;
  return fs::path(out);
}

// The major version of /usr/lib/postgresql/<version>/bin, -1 when not a number.
int version_of(const fs::path& version_dir) {
  const std::string name = version_dir.filename().string();
  if (name.empty() || !std::all_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return -1;
  }
  return name.size() > 6 ? -1 : std::stoi(name);
}

// pg_config's bindir when it holds both programs, else the highest-numbered
// /usr/lib/postgresql/*/bin that does.
Result<fs::path> find_bindir() {
  std::vector<fs::path> candidates;
  if (auto bindir = pg_config_bindir()) candidates.push_back(*bindir);
  std::vector<std::pair<int, fs::path>> versions;
  std::error_code ec;
  for (fs::directory_iterator it("/usr/lib/postgresql", ec), end; !ec && it != end; it.increment(ec)) {
    if (int v = version_of(it->path()); v >= 0) versions.emplace_back(v, it->path() / "bin");
  }
  std::sort(versions.begin(), versions.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  for (auto& [v, bin] : versions) candidates.push_back(bin);

  std::string partial;  // a directory with one program but not the other
  for (const fs::path& dir : candidates) {
    const bool initdb = is_executable(dir / "initdb");
    const bool postgres = is_executable(dir / "postgres");
    if (initdb && postgres) return dir;
    if ((initdb || postgres) && partial.empty()) {
      partial = "; " + dir.string() + " has " + (initdb ? "initdb" : "postgres") + " but not " +
                (initdb ? "postgres" : "initdb");
    }
  }
  return Error(ErrorCode::kUnavailable,
               "PostgreSQL server binaries initdb and postgres not found (looked in `pg_config --bindir` and "
               "/usr/lib/postgresql/*/bin" +
                   partial + "); install the Debian package postgresql");
}

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

// The last `max_bytes` of a log file, for error messages.
std::string log_tail(const fs::path& log, std::size_t max_bytes = 2000) {
  std::ifstream in(log, std::ios::binary);
  if (!in) return "(no log at " + log.string() + ")";
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  if (text.size() > max_bytes) text = "..." + text.substr(text.size() - max_bytes);
  while (!text.empty() && text.back() == '\n') text.pop_back();
  return log.string() + ":\n" + text;
}

// Writes a constant message to fd 2 from the forked child (async-signal-safe).
void child_fail(const char* what) {
  const char prefix[] = "gauntlet postgres_server: child failed: ";
  ssize_t ignored = ::write(2, prefix, sizeof(prefix) - 1);
  ignored = ::write(2, what, std::strlen(what));
  ignored = ::write(2, "\n", 1);
  (void)ignored;
  ::_exit(127);
}

// fork + exec of `spec`: the child in its own process group, as the
// credentials' user, killed when this thread dies; stdin from /dev/null.
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

int reap(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  return status;
}

// Whether `pid` has exited (not reaped: its pid and process group stay ours).
bool has_exited(pid_t pid) {
  siginfo_t info{};
  for (;;) {
    const int r = ::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT);
    if (r == 0) return info.si_pid == pid;
    if (errno == EINTR) continue;
    return true;  // ECHILD: nothing left to wait for
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

// Stops the postmaster `pid`: `signal` to it, up to `grace` for it to exit;
// then, if it has not, SIGKILL to what is left. PostgreSQL puts each child
// process in a session of its own, so the postmaster's group does not hold
// them: the postmaster is stopped (no new children), each child's group is
// killed while it is still its child (its pid cannot be reused), then the
// postmaster's group. The postmaster is reaped last.
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

// Runs `spec` to completion; its output goes to `log`.
Status run_to_completion(ChildSpec spec, const fs::path& log) {
  auto fd = open_log(log);
  if (!fd.ok()) return fd.error();
  spec.stdout_fd = *fd;
  auto pid = spawn(spec);
  ::close(*fd);
  if (!pid.ok()) return pid.error();
  const auto deadline = Clock::now() + kInitdbTimeout;
  for (;;) {
    if (auto status = try_reap(*pid)) {
      if (WIFEXITED(*status) && WEXITSTATUS(*status) == 0) return Status::Ok();
      return Error(ErrorCode::kInternal, spec.argv[0] + " " + describe_status(*status) + "; " + log_tail(log));
    }
    if (Clock::now() >= deadline) {
      stop_group(*pid, 0, std::chrono::seconds(0));
      return Error(ErrorCode::kInternal, spec.argv[0] + " did not finish in " + std::to_string(kInitdbTimeout.count()) +
                                             " s; " + log_tail(log));
    }
    std::this_thread::sleep_for(kPoll);
  }
}

// A port the kernel considers free on 127.0.0.1 right now.
Result<int> free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return Error(ErrorCode::kIoError, "socket: " + errno_text(errno));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof(addr);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    const int err = errno;
    ::close(fd);
    return Error(ErrorCode::kIoError, "choosing a free port on 127.0.0.1: " + errno_text(err));
  }
  ::close(fd);
  return static_cast<int>(ntohs(addr.sin_port));
}

// A conninfo value in single quotes.
std::string conninfo_quote(const std::string& value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

// Through the unix socket in our directory: only our server can answer there,
// and it creates that socket only after binding its TCP port (a server that
// lost the port exits first), so an answer means 127.0.0.1:port is ours too.
std::string ping_conninfo(const fs::path& socket_dir, int port) {
  return "host=" + conninfo_quote(socket_dir.string()) + " port=" + std::to_string(port) + " user=" + kSuperuser +
         " dbname=postgres connect_timeout=2";
}

// Whether the log since `offset` says the server could not bind its port.
bool lost_port(const fs::path& log, std::uintmax_t offset) {
  std::ifstream in(log, std::ios::binary);
  if (!in) return false;
  in.seekg(static_cast<std::streamoff>(offset));
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  return text.find("Address already in use") != std::string::npos || text.find("could not bind") != std::string::npos;
}

std::uintmax_t file_size_or_zero(const fs::path& path) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  return ec ? 0 : size;
}

// Removes the directory and whatever is in it, ignoring errors.
void remove_directory(const fs::path& dir) {
  std::error_code ec;
  fs::remove_all(dir, ec);
}

// A libpq connection closed on scope exit.
struct Connection {
  PGconn* conn;
  explicit Connection(const std::string& conninfo) : conn(::PQconnectdb(conninfo.c_str())) {}
  ~Connection() { ::PQfinish(conn); }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  std::string error() const {
    std::string message = conn != nullptr ? ::PQerrorMessage(conn) : "out of memory";
    while (!message.empty() && message.back() == '\n') message.pop_back();
    return message;
  }
};

}  // namespace

Result<std::unique_ptr<PostgresServer>> PostgresServer::start(PostgresServerOptions options) {
  auto bindir = find_bindir();
  if (!bindir.ok()) return bindir.error();
  auto creds = credentials();  // before fork: getpwnam is not for a forked child
  if (!creds.ok()) return creds.error();

  std::error_code ec;
  const fs::path tmp = fs::temp_directory_path(ec);
  if (ec) return Error(ErrorCode::kIoError, "no temp directory: " + ec.message());
  std::string pattern = (tmp / "gauntlet-pg-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    return Error(ErrorCode::kIoError, "mkdtemp " + pattern + ": " + errno_text(errno));
  }
  const fs::path dir = pattern;
  // The unix socket, dir/.s.PGSQL.<port>, must fit in sockaddr_un::sun_path (108 bytes).
  if (dir.string().size() + std::strlen("/.s.PGSQL.65535") >= 108) {
    remove_directory(dir);
    return Error(ErrorCode::kIoError, "temp directory " + dir.string() +
                                          " is too long a path for PostgreSQL's unix socket; set TMPDIR shorter");
  }
  auto fail = [&dir](Error error) -> Result<std::unique_ptr<PostgresServer>> {
    remove_directory(dir);
    return error;
  };
  if (creds->drop && ::chown(dir.c_str(), creds->uid, creds->gid) != 0) {
    return fail(Error(ErrorCode::kIoError, "chown " + dir.string() + " to postgres: " + errno_text(errno)));
  }

  const fs::path data = dir / "data";
  ChildSpec initdb;
  initdb.argv = {(*bindir / "initdb").string(),
                 "-D",
                 data.string(),
                 "-U",
                 kSuperuser,
                 "-A",
                 "trust",
                 "-E",
                 "UTF8",
                 "--no-locale",
                 "--no-sync",
                 "--no-instructions"};
  initdb.working_directory = dir.string();
  initdb.credentials = *creds;
  if (Status s = run_to_completion(initdb, dir / "initdb.log"); !s.ok()) return fail(s.error());

  const fs::path log = dir / "postgres.log";
  for (int attempt = 0;; ++attempt) {
    auto port = free_port();
    if (!port.ok()) return fail(port.error());
    auto fd = open_log(log);
    if (!fd.ok()) return fail(fd.error());
    const std::uintmax_t log_offset = file_size_or_zero(log);
    ChildSpec server;
    server.argv = {(*bindir / "postgres").string(), "-D", data.string(), "-p",
                   std::to_string(*port),           "-k", dir.string()};
    std::vector<std::string> settings = {"listen_addresses=127.0.0.1", "logging_collector=off"};
    if (!options.durable) {
      // A throwaway cluster: durability buys nothing.
      settings.insert(settings.end(), {"fsync=off", "full_page_writes=off", "synchronous_commit=off"});
    }
    for (const std::string& setting : settings) server.argv.insert(server.argv.end(), {"-c", setting});
    server.working_directory = dir.string();
    server.stdout_fd = *fd;
    server.credentials = *creds;
    auto pid = spawn(server);
    ::close(*fd);
    if (!pid.ok()) return fail(pid.error());

    const std::string conninfo = ping_conninfo(dir, *port);
    const auto deadline = Clock::now() + kReadyTimeout;
    std::optional<int> exit_status;
    bool ready = false;
    while (!ready) {
      if (has_exited(*pid)) {
        // Its children (if any) are orphans in its group, which stays ours until the reap.
        ::kill(-*pid, SIGKILL);
        exit_status = reap(*pid);
        break;
      }
      if (::PQping(conninfo.c_str()) == PQPING_OK) {
        ready = true;
        break;
      }
      if (Clock::now() >= deadline) break;
      std::this_thread::sleep_for(kPoll);
    }
    if (ready) return std::unique_ptr<PostgresServer>(new PostgresServer(dir, *pid, *port));
    if (exit_status) {
      if (attempt < kPortRetries && lost_port(log, log_offset)) continue;
      return fail(Error(ErrorCode::kInternal, "postgres " + describe_status(*exit_status) + " while starting on port " +
                                                  std::to_string(*port) + "; " + log_tail(log)));
    }
    stop_group(*pid, SIGQUIT, std::chrono::seconds(2));
    return fail(
        Error(ErrorCode::kInternal, "postgres did not accept connections on 127.0.0.1:" + std::to_string(*port) +
                                        " within " + std::to_string(kReadyTimeout.count()) + " s; " + log_tail(log)));
  }
}

PostgresServer::~PostgresServer() {
  stop_group(pid_, SIGINT, kShutdownTimeout);
  remove_directory(directory_);
}

std::string PostgresServer::uri(const std::string& database) const {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string path;
  for (unsigned char c : database) {
    const bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                            c == '.' || c == '_' || c == '~';
    if (unreserved) {
      path += static_cast<char>(c);
    } else {
      path += '%';
      path += kHex[c >> 4];
      path += kHex[c & 0xF];
    }
  }
  return "postgresql://" + std::string(kSuperuser) + "@127.0.0.1:" + std::to_string(port_) + "/" + path;
}

Result<std::string> PostgresServer::create_database() {
  Connection admin(uri("postgres"));
  if (::PQstatus(admin.conn) != CONNECTION_OK) {
    return Error(ErrorCode::kIoError, "connecting to " + uri("postgres") + ": " + admin.error());
  }
  const std::string name = "gauntlet_test_" + std::to_string(++databases_created_);
  PGresult* result = ::PQexec(admin.conn, ("CREATE DATABASE \"" + name + "\"").c_str());
  const bool ok = ::PQresultStatus(result) == PGRES_COMMAND_OK;
  ::PQclear(result);
  if (!ok) return Error(ErrorCode::kInternal, "CREATE DATABASE " + name + ": " + admin.error());
  return uri(name);
}

int PostgresServer::port() const { return port_; }
pid_t PostgresServer::pid() const { return pid_; }
const std::filesystem::path& PostgresServer::directory() const { return directory_; }

}  // namespace gauntlet::records::testing
