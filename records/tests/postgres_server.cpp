#include "postgres_server.h"

#include <arpa/inet.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <chrono>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>
#include <string_view>
#include <system_error>
#include <thread>
#include <vector>

#include "postgres_process.h"

namespace gauntlet::records::testing {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr const char* kSuperuser = "gauntlet";
constexpr auto kInitdbTimeout = std::chrono::seconds(120);
constexpr auto kReadyTimeout = std::chrono::seconds(60);
constexpr auto kShutdownTimeout = std::chrono::seconds(10);
constexpr int kPortRetries = 3;  // further tries after a start lost its port

using detail::ChildSpec;
using detail::credentials;
using detail::describe_status;
using detail::errno_text;
using detail::has_exited;
using detail::kPoll;
using detail::log_tail;
using detail::open_log;
using detail::reap;
using detail::run_to_completion;
using detail::spawn;
using detail::stop_group;

bool is_executable(const fs::path& path) {
  std::error_code ec;
  return fs::is_regular_file(path, ec) && ::access(path.c_str(), X_OK) == 0;
}

// The directories on PATH, in order (read without a shell).
std::vector<fs::path> path_directories() {
  std::vector<fs::path> out;
  const char* path = std::getenv("PATH");
  if (path == nullptr) return out;
  std::string_view rest(path);
  while (!rest.empty()) {
    const std::size_t colon = rest.find(':');
    const std::string_view dir = rest.substr(0, colon);
    if (!dir.empty()) out.emplace_back(std::string(dir));
    rest = colon == std::string_view::npos ? std::string_view() : rest.substr(colon + 1);
  }
  return out;
}

// The major version of /usr/lib/postgresql/<version>/bin, -1 when not a number.
int version_of(const fs::path& version_dir) {
  const std::string name = version_dir.filename().string();
  if (name.empty() || !std::all_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return -1;
  }
  return name.size() > 6 ? -1 : std::stoi(name);
}

// The highest-numbered /usr/lib/postgresql/*/bin (Debian's layout) that
// holds both programs, else the first directory on PATH that does.
Result<fs::path> find_bindir() {
  std::vector<fs::path> candidates;
  std::vector<std::pair<int, fs::path>> versions;
  std::error_code ec;
  for (fs::directory_iterator it("/usr/lib/postgresql", ec), end; !ec && it != end; it.increment(ec)) {
    if (int v = version_of(it->path()); v >= 0) versions.emplace_back(v, it->path() / "bin");
  }
  std::sort(versions.begin(), versions.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  for (auto& [v, bin] : versions) candidates.push_back(bin);
  for (fs::path& dir : path_directories()) candidates.push_back(std::move(dir));

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
               "PostgreSQL server binaries initdb and postgres not found (looked in /usr/lib/postgresql/*/bin "
               "and on PATH" +
                   partial + "); install the Debian package postgresql");
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
  if (Status s = run_to_completion(initdb, dir / "initdb.log", kInitdbTimeout); !s.ok()) return fail(s.error());

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
