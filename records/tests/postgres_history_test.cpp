// What only the PostgreSQL store does: its schema `gauntlet`, migrations of a
// history an older build created, and refusals of what it does not know.
#include "gauntlet/harness/testing/status_matchers.h"
#include "gauntlet/records/history_series.h"
#include "gauntlet/records/history_store.h"
#include "postgres_server.h"

#include <libpq-fe.h>

#include <cstdlib>
#include <utility>

namespace gauntlet::records::testing {
namespace {

using matchers::IsOk;
using matchers::StatusIs;
using ::testing::HasSubstr;

// The version 2 schema, as builds before run keys and machine classes wrote it.
constexpr const char* kVersionTwo =
    "CREATE SCHEMA gauntlet; CREATE TABLE gauntlet.schema_version(version INTEGER NOT NULL);"
    "INSERT INTO gauntlet.schema_version VALUES(2);"
    "CREATE TABLE gauntlet.runs(id BIGSERIAL PRIMARY KEY, recorded_at_ns BIGINT NOT NULL,"
    " git_revision TEXT NOT NULL DEFAULT '', label TEXT NOT NULL DEFAULT '', source TEXT NOT NULL DEFAULT '',"
    " host_name TEXT NOT NULL DEFAULT '', num_cpus BIGINT NOT NULL DEFAULT 0,"
    " mhz_per_cpu DOUBLE PRECISION NOT NULL DEFAULT 0, build_type TEXT NOT NULL DEFAULT '');"
    "CREATE TABLE gauntlet.samples(run_id BIGINT NOT NULL REFERENCES gauntlet.runs(id), benchmark TEXT NOT NULL,"
    " metric TEXT NOT NULL, repetition BIGINT NOT NULL, value DOUBLE PRECISION NOT NULL);"
    "CREATE INDEX samples_by_benchmark ON gauntlet.samples(benchmark, metric, run_id);"
    "INSERT INTO gauntlet.runs(recorded_at_ns, git_revision, host_name) VALUES(5, 'old', 'runner-9');"
    "INSERT INTO gauntlet.samples VALUES(1, 'BM_A', 'real_time', 0, 42.5);";

class PostgresHistoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (server_ == nullptr) GAUNTLET_REQUIRE_POSTGRES(server_);
    auto database = server_->create_database();
    ASSERT_THAT(database, IsOk());
    uri_ = *database;
  }

  // Runs `sql` directly, as another tool or an older build would.
  void run_raw(const std::string& sql) const {
    PGconn* c = PQconnectdb(uri_.c_str());
    ASSERT_EQ(PQstatus(c), CONNECTION_OK) << PQerrorMessage(c);
    PGresult* r = PQexec(c, sql.c_str());
    const ExecStatusType status = PQresultStatus(r);
    const std::string message = PQresultErrorMessage(r);
    PQclear(r);
    PQfinish(c);
    ASSERT_TRUE(status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) << message;
  }

  static inline std::unique_ptr<PostgresServer> server_;
  std::string uri_;
};

TEST_F(PostgresHistoryTest, MigratesAVersionTwoHistoryKeepingItsRuns) {
  run_raw(kVersionTwo);
  // Read-only never migrates, and says how to.
  auto ro = open_history(uri_, HistoryAccess::kReadOnly);
  EXPECT_THAT(ro, StatusIs(ErrorCode::kSchemaError, HasSubstr("history schema version 2 needs migrating")));
  auto h = open_history(uri_);
  ASSERT_THAT(h, IsOk());
  EXPECT_EQ((*h)->schema_version(), kHistorySchemaVersion);
  auto runs = (*h)->runs(10);
  ASSERT_THAT(runs, IsOk());
  ASSERT_EQ(runs->size(), 1u);
  EXPECT_EQ((*runs)[0].git_revision, "old");
  EXPECT_EQ((*runs)[0].context.machine, "runner-9");  // an older run is of its host's class
  EXPECT_EQ((*runs)[0].run_key, "");
  auto series = history_series(**h, "BM_A", "real_time", "runner-9");
  ASSERT_THAT(series, IsOk());
  ASSERT_EQ(series->points.size(), 1u);
  EXPECT_EQ(series->points[0].median, 42.5);
  // New runs continue the old ids.
  HistoryRun next;
  next.samples.push_back({"BM_A", "real_time", 0, 40});
  ManualClock clock(10);
  EXPECT_THAT((*h)->record_run(next, clock), IsOk());
  EXPECT_EQ((*(*h)->record_run(next, clock)), 3);
  EXPECT_THAT(open_history(uri_, HistoryAccess::kReadOnly), IsOk());
}

TEST_F(PostgresHistoryTest, RefusesANewerSchemaNamingTheDatabase) {
  ASSERT_THAT(open_history(uri_), IsOk());
  run_raw("UPDATE gauntlet.schema_version SET version = 99");
  for (HistoryAccess access : {HistoryAccess::kReadWrite, HistoryAccess::kReadOnly}) {
    auto newer = open_history(uri_, access);
    ASSERT_THAT(newer, StatusIs(ErrorCode::kSchemaError));
    EXPECT_EQ(newer.error().message(), uri_ + ": history schema version 99 is newer than this gauntlet supports (" +
                                           std::to_string(kHistorySchemaVersion) + ")");
  }
}

TEST_F(PostgresHistoryTest, ASchemaGauntletThatIsNotAHistoryIsRefused) {
  run_raw("CREATE SCHEMA gauntlet; CREATE TABLE gauntlet.other(x INTEGER)");
  for (HistoryAccess access : {HistoryAccess::kReadWrite, HistoryAccess::kReadOnly}) {
    auto other = open_history(uri_, access);
    ASSERT_THAT(other, StatusIs(ErrorCode::kSchemaError, HasSubstr(": not a Gauntlet history database (")));
  }
  // Nothing was created in it.
  run_raw(
      "DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_tables WHERE schemaname = 'gauntlet' AND tablename = 'runs')"
      " THEN RAISE EXCEPTION 'runs created'; END IF; END $$");
}

TEST_F(PostgresHistoryTest, TablesLiveInTheSchemaGauntletOnly) {
  auto h = open_history(uri_);
  ASSERT_THAT(h, IsOk());
  run_raw(
      "DO $$ BEGIN IF (SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'public') <> 0"
      " THEN RAISE EXCEPTION 'tables in public'; END IF;"
      " IF (SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'gauntlet') <> 3"
      " THEN RAISE EXCEPTION 'expected runs, samples, schema_version'; END IF; END $$");
}

TEST_F(PostgresHistoryTest, ANameWithANulCharacterIsRefusedNotTruncated) {
  auto h = open_history(uri_);
  ASSERT_THAT(h, IsOk());
  HistoryRun run;
  run.samples.push_back({std::string("BM_\0A", 5), "real_time", 0, 1});
  ManualClock clock(1);
  EXPECT_THAT((*h)->record_run(run, clock), StatusIs(ErrorCode::kInvalidArgument, HasSubstr("NUL character")));
  EXPECT_TRUE((*h)->runs(10)->empty());
}

TEST_F(PostgresHistoryTest, TheLocationLeavesThePasswordOut) {
  const std::string with_password = "postgresql://gauntlet:hunter2@127.0.0.1:" + std::to_string(server_->port()) + "/" +
                                    uri_.substr(uri_.rfind('/') + 1);
  auto h = open_history(with_password);
  ASSERT_THAT(h, IsOk());  // trust authentication ignores the password
  EXPECT_EQ((*h)->location().find("hunter2"), std::string::npos) << (*h)->location();
  EXPECT_EQ((*h)->location(), uri_);
  auto query = open_history(uri_ + "?password=hunter2&connect_timeout=5");
  ASSERT_THAT(query, IsOk());
  EXPECT_EQ((*query)->location(), uri_ + "?password=***&connect_timeout=5");
}

// `postgresql://` alone: libpq takes the server from the standard PG*
// variables, as psql does.
TEST_F(PostgresHistoryTest, ABareUriConnectsThroughThePgVariables) {
  const std::string database = uri_.substr(uri_.rfind('/') + 1);
  const std::pair<const char*, std::string> vars[] = {{"PGHOST", "127.0.0.1"},
                                                      {"PGPORT", std::to_string(server_->port())},
                                                      {"PGUSER", "gauntlet"},
                                                      {"PGDATABASE", database}};
  for (const auto& [name, value] : vars) ASSERT_EQ(::setenv(name, value.c_str(), 1), 0);
  auto h = open_history("postgresql://");
  for (const auto& [name, value] : vars) ::unsetenv(name);
  ASSERT_THAT(h, IsOk());
  EXPECT_EQ((*h)->location(), "postgresql://");
  HistoryRun run;
  run.samples.push_back({"BM_A", "real_time", 0, 1});
  ManualClock clock(1);
  ASSERT_THAT((*h)->record_run(run, clock), IsOk());
  auto direct = open_history(uri_, HistoryAccess::kReadOnly);  // the same database
  ASSERT_THAT(direct, IsOk());
  EXPECT_EQ((*direct)->runs(10)->size(), 1u);
}

}  // namespace
}  // namespace gauntlet::records::testing
