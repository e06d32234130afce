// The throwaway PostgreSQL server the PostgreSQL history tests run against:
// it starts, serves fresh databases over libpq, and leaves no process and no
// file behind.
#include "postgres_server.h"

#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace gauntlet::records::testing {
namespace {

// The first column of the first row of `sql` on `uri`, or "ERROR: ..." text.
std::string query_one(const std::string& uri, const std::string& sql) {
  PGconn* conn = PQconnectdb(uri.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string message = "ERROR: connect: " + std::string(PQerrorMessage(conn));
    PQfinish(conn);
    return message;
  }
  PGresult* result = PQexec(conn, sql.c_str());
  std::string value;
  if (PQresultStatus(result) == PGRES_TUPLES_OK && PQntuples(result) == 1 && PQnfields(result) >= 1) {
    value = PQgetvalue(result, 0, 0);
  } else if (PQresultStatus(result) == PGRES_COMMAND_OK) {
    value = "OK";
  } else {
    value = "ERROR: " + std::string(PQresultErrorMessage(result));
  }
  PQclear(result);
  PQfinish(conn);
  return value;
}

// The processes whose parent is `pid`, from /proc/<n>/stat.
std::vector<pid_t> children_of(pid_t pid) {
  std::vector<pid_t> children;
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    const std::string name = entry.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream in(entry.path() / "stat");
    std::string stat;
    if (!std::getline(in, stat) || stat.rfind(')') == std::string::npos) continue;
    std::istringstream rest(stat.substr(stat.rfind(')') + 1));
    std::string state;
    long ppid = 0;
    if (rest >> state >> ppid && ppid == pid) children.push_back(static_cast<pid_t>(std::stol(name)));
  }
  return children;
}

// Whether `pid` runs: exists and is not a zombie (a killed orphan stays one
// until init reaps it, and some containers' init never does).
bool running(pid_t pid) {
  if (::kill(pid, 0) != 0) return false;
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string stat;
  if (!std::getline(in, stat) || stat.rfind(')') == std::string::npos) return false;
  std::istringstream rest(stat.substr(stat.rfind(')') + 1));
  std::string state;
  rest >> state;
  return state != "Z";
}

class PostgresServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto begin = std::chrono::steady_clock::now();
    GAUNTLET_REQUIRE_POSTGRES(server_);
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - begin).count();
    RecordProperty("start_ms", std::to_string(ms));
    std::printf("PostgresServer::start() took %lld ms\n", static_cast<long long>(ms));
  }

  std::unique_ptr<PostgresServer> server_;
};

TEST_F(PostgresServerTest, StartsAsOurChildInItsOwnProcessGroup) {
  EXPECT_GT(server_->port(), 0);
  EXPECT_EQ(::kill(server_->pid(), 0), 0);
  EXPECT_EQ(::getpgid(server_->pid()), server_->pid());
  EXPECT_TRUE(std::filesystem::is_directory(server_->directory() / "data"));
  EXPECT_EQ(server_->uri("db_1"), "postgresql://gauntlet@127.0.0.1:" + std::to_string(server_->port()) + "/db_1");
  // Its parent is this process: /proc/<pid>/stat's fourth field.
  std::ifstream stat("/proc/" + std::to_string(server_->pid()) + "/stat");
  std::string pid_field, comm, state;
  pid_t ppid = 0;
  stat >> pid_field >> comm >> state >> ppid;
  EXPECT_EQ(ppid, ::getpid());
  // PostgreSQL refuses root: run as root, the server runs as another user.
  struct stat info {};
  ASSERT_EQ(::stat(("/proc/" + std::to_string(server_->pid())).c_str(), &info), 0);
  if (::geteuid() == 0) EXPECT_NE(info.st_uid, 0u);
  else EXPECT_EQ(info.st_uid, ::geteuid());
}

TEST_F(PostgresServerTest, CreatedDatabaseAnswersSelectOne) {
  auto uri = server_->create_database();
  ASSERT_TRUE(uri.ok()) << uri.error().to_string();
  EXPECT_EQ(*uri, server_->uri("gauntlet_test_1"));
  EXPECT_EQ(query_one(*uri, "SELECT 1"), "1");
  EXPECT_EQ(query_one(*uri, "SELECT current_database()"), "gauntlet_test_1");
}

TEST_F(PostgresServerTest, TwoCreatedDatabasesAreIndependent) {
  auto first = server_->create_database();
  auto second = server_->create_database();
  ASSERT_TRUE(first.ok()) << first.error().to_string();
  ASSERT_TRUE(second.ok()) << second.error().to_string();
  EXPECT_NE(*first, *second);
  EXPECT_NE(query_one(*first, "SELECT current_database()"), query_one(*second, "SELECT current_database()"));
  ASSERT_EQ(query_one(*first, "CREATE TABLE only_here (x int)"), "OK");
  EXPECT_EQ(query_one(*first, "SELECT count(*) FROM only_here"), "0");
  EXPECT_EQ(query_one(*second, "SELECT to_regclass('only_here') IS NULL"), "t");
}

TEST_F(PostgresServerTest, TwoServersListenOnDifferentPorts) {
  std::unique_ptr<PostgresServer> other;
  GAUNTLET_REQUIRE_POSTGRES(other);
  EXPECT_NE(other->port(), server_->port());
  EXPECT_NE(other->directory(), server_->directory());
  auto uri = other->create_database();
  ASSERT_TRUE(uri.ok()) << uri.error().to_string();
  EXPECT_EQ(query_one(*uri, "SELECT 1"), "1");
}

TEST_F(PostgresServerTest, DestructionLeavesNoProcessAndNoDirectory) {
  auto uri = server_->create_database();
  ASSERT_TRUE(uri.ok()) << uri.error().to_string();
  // An open session: a backend process in the server's group at shutdown.
  PGconn* held = PQconnectdb(uri->c_str());
  ASSERT_EQ(PQstatus(held), CONNECTION_OK) << PQerrorMessage(held);
  const pid_t backend = PQbackendPID(held);
  EXPECT_GT(backend, 0);

  const pid_t pid = server_->pid();
  const std::filesystem::path dir = server_->directory();
  ASSERT_TRUE(std::filesystem::exists(dir));
  // PostgreSQL puts each child in a session of its own: not in the postmaster's group.
  const std::vector<pid_t> children = children_of(pid);
  EXPECT_GE(children.size(), 2u);  // the session's backend and the checkpointer at least
  const auto begin = std::chrono::steady_clock::now();
  server_.reset();
  const auto elapsed = std::chrono::steady_clock::now() - begin;
  PQfinish(held);

  errno = 0;
  EXPECT_EQ(::kill(pid, 0), -1);
  EXPECT_EQ(errno, ESRCH);
  errno = 0;
  EXPECT_EQ(::kill(-pid, 0), -1);  // nothing left of its process group
  EXPECT_EQ(errno, ESRCH);
  errno = 0;
  EXPECT_EQ(::kill(backend, 0), -1);
  EXPECT_EQ(errno, ESRCH);
  for (pid_t child : children) {
    errno = 0;
    EXPECT_EQ(::kill(child, 0), -1) << "child " << child;
    EXPECT_EQ(errno, ESRCH) << "child " << child;
  }
  EXPECT_FALSE(std::filesystem::exists(dir));
  EXPECT_LT(elapsed, std::chrono::seconds(10));  // a fast shutdown, not the SIGKILL fallback
}

TEST_F(PostgresServerTest, PostmasterDeafToShutdownIsKilledWithItsChildren) {
  auto uri = server_->create_database();
  ASSERT_TRUE(uri.ok()) << uri.error().to_string();
  PGconn* held = PQconnectdb(uri->c_str());
  ASSERT_EQ(PQstatus(held), CONNECTION_OK) << PQerrorMessage(held);
  const pid_t pid = server_->pid();
  const std::filesystem::path dir = server_->directory();
  const std::vector<pid_t> children = children_of(pid);
  ASSERT_FALSE(children.empty());
  ASSERT_EQ(::kill(pid, SIGSTOP), 0);  // it cannot act on the fast shutdown

  const auto begin = std::chrono::steady_clock::now();
  server_.reset();
  const auto elapsed = std::chrono::steady_clock::now() - begin;
  PQfinish(held);

  EXPECT_GE(elapsed, std::chrono::seconds(10));  // the grace period, then SIGKILL
  EXPECT_LT(elapsed, std::chrono::seconds(15));
  errno = 0;
  EXPECT_EQ(::kill(pid, 0), -1);  // reaped
  EXPECT_EQ(errno, ESRCH);
  for (pid_t child : children) EXPECT_FALSE(running(child)) << "child " << child;
  EXPECT_FALSE(std::filesystem::exists(dir));
}

}  // namespace
}  // namespace gauntlet::records::testing
