#pragma once
// A real PostgreSQL server per test, for the PostgreSQL history backend's
// tests: started from the installed server binaries, torn down with the object.
#include <gtest/gtest.h>
#include <sys/types.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>

#include "gauntlet/harness/error.h"

namespace gauntlet::records::testing {

/// A throwaway PostgreSQL server for tests: its own cluster in a fresh temp
/// directory (trust authentication, superuser "gauntlet"), listening on
/// 127.0.0.1 at a free port and on a unix socket in that directory, gone with
/// the object (processes and files). The postmaster is a direct child of this
/// process, in its own process group, and dies with the thread that started
/// it (parent-death signal): start it from a thread that outlives the object,
/// e.g. the test's. Run as root, the server runs as the `postgres` user.
/// Not thread-safe: one thread uses one object.
/// How PostgresServer::start configures the server.
struct PostgresServerOptions {
  /// false (the default, for tests): fsync, full_page_writes and
  /// synchronous_commit off, since a throwaway cluster gains nothing from
  /// durability and tests run faster without it. true: those settings left at
  /// PostgreSQL's defaults (all on), so every commit waits for its WAL flush
  /// as on a production server; for measuring what the history costs
  /// (benchmarks/history).
  bool durable = false;
};

class PostgresServer {
 public:
  /// initdb into a fresh temp directory (trust auth, superuser "gauntlet"),
  /// then starts `postgres` on 127.0.0.1 at a free port, unix socket in the
  /// same directory, logging to a file there; waits (PQping, up to 60 s) until
  /// it accepts connections. A start that fails because the port was taken
  /// meanwhile is retried with another port (up to 3 times).
  /// The binaries are found in the highest-numbered /usr/lib/postgresql/*/bin
  /// holding initdb and postgres, else in the first PATH directory that does.
  /// Errors: kUnavailable when the server binaries are missing (or, as root,
  /// the `postgres` user; the message says which and names the Debian package
  /// `postgresql`); kIoError when the directory, a log file or a process
  /// cannot be made; kInternal when initdb or the server fails or times out
  /// (the message includes the tail of its log). `options`: see
  /// PostgresServerOptions (initdb runs with --no-sync either way: the
  /// cluster's initial files are not flushed, later commits are when durable).
  static Result<std::unique_ptr<PostgresServer>> start(PostgresServerOptions options = {});

  /// Fast shutdown (SIGINT), waits up to 10 s, then SIGKILLs the whole
  /// process group (and each of the postmaster's children, which PostgreSQL
  /// puts in sessions of their own); reaps the postmaster; removes the
  /// directory. Never throws.
  ~PostgresServer();

  PostgresServer(const PostgresServer&) = delete;
  PostgresServer& operator=(const PostgresServer&) = delete;

  /// A connection URI for `database` on this server:
  /// postgresql://gauntlet@127.0.0.1:PORT/<database> (the name percent-encoded).
  std::string uri(const std::string& database) const;

  /// Creates a new empty database with a unique name (gauntlet_test_1, _2, …)
  /// and returns its URI. One per test keeps tests independent.
  /// Errors: kIoError when the server cannot be reached, kInternal when
  /// CREATE DATABASE fails (with the server's message).
  Result<std::string> create_database();

  /// The TCP port on 127.0.0.1.
  int port() const;
  /// The postmaster's pid, also its process group id.
  pid_t pid() const;
  /// The temp directory: the cluster (data/), the logs and the unix socket.
  const std::filesystem::path& directory() const;

 private:
  PostgresServer(std::filesystem::path directory, pid_t pid, int port)
      : directory_(std::move(directory)), pid_(pid), port_(port) {}

  std::filesystem::path directory_;
  pid_t pid_;
  int port_;
  int databases_created_ = 0;
};

}  // namespace gauntlet::records::testing

/// Starts a PostgresServer into `server_ptr_expr` (a std::unique_ptr<PostgresServer>
/// lvalue), e.g. in a fixture's SetUp. When the server binaries are missing it
/// skips the test outside CI and fails it under CI (environment variable CI
/// set); any other start error fails the test with the error's message.
#define GAUNTLET_REQUIRE_POSTGRES(server_ptr_expr)                                                                    \
  do {                                                                                                                \
    auto gauntlet_postgres_started_ = ::gauntlet::records::testing::PostgresServer::start();                          \
    if (!gauntlet_postgres_started_.ok()) {                                                                           \
      const ::gauntlet::Error& gauntlet_postgres_error_ = gauntlet_postgres_started_.error();                         \
      if (gauntlet_postgres_error_.code() != ::gauntlet::ErrorCode::kUnavailable) {                                   \
        FAIL() << "PostgreSQL test server did not start: " << gauntlet_postgres_error_.to_string();                   \
      }                                                                                                               \
      if (std::getenv("CI") != nullptr)                                                                               \
        FAIL() << "PostgreSQL missing under CI: " << gauntlet_postgres_error_.message();                              \
      GTEST_SKIP() << "PostgreSQL not installed (Debian package postgresql): " << gauntlet_postgres_error_.message(); \
    }                                                                                                                 \
    (server_ptr_expr) = std::move(gauntlet_postgres_started_).value();                                                \
  } while (false)
