// A PostgreSQL history is a report input like a SQLite one: `gauntlet report
// postgresql://...` shows the same trends.
#include <gtest/gtest.h>

#include "gauntlet/harness/testing/status_matchers.h"
#include "gauntlet/records/history_store.h"
#include "gauntlet/reports/report.h"
#include "records/tests/postgres_server.h"  // records' test support: a throwaway server
#include "records/tests/sample_history.h"   // records' test support: the sample history
#include "sample_report.h"

namespace gauntlet::reports {
namespace {

using matchers::IsOk;
using matchers::StatusIs;

TEST(PostgresHistoryInputTest, TrendsFromPostgresqlEqualThoseFromSqlite) {
  std::unique_ptr<records::testing::PostgresServer> server;
  GAUNTLET_REQUIRE_POSTGRES(server);
  auto uri = server->create_database();
  ASSERT_THAT(uri, IsOk());
  const auto sqlite = (testing::scratch_dir() / "pg_input_history.sqlite").string();
  std::filesystem::remove(sqlite);
  for (const std::string& location : {*uri, sqlite}) {
    auto store = records::open_history(location);
    ASSERT_THAT(store, IsOk());
    ManualClock clock(1'700'000'000'000'000'000);
    ASSERT_THAT(records::testing::record_sample_history(**store, clock), IsOk());
  }
  Report from_postgresql, from_sqlite;
  ASSERT_THAT(add_input(from_postgresql, *uri), IsOk());
  ASSERT_THAT(add_input(from_sqlite, sqlite), IsOk());
  ASSERT_EQ(from_postgresql.history.size(), 4u);
  ASSERT_EQ(from_postgresql.history.size(), from_sqlite.history.size());
  for (std::size_t i = 0; i < from_sqlite.history.size(); ++i) {
    EXPECT_EQ(from_postgresql.history[i].benchmark, from_sqlite.history[i].benchmark);
    EXPECT_EQ(from_postgresql.history[i].metric, "real_time");
    EXPECT_EQ(from_postgresql.history[i].values, from_sqlite.history[i].values) << from_sqlite.history[i].benchmark;
    EXPECT_EQ(from_postgresql.history[i].values.size(), 20u);
  }
  // A database without a history is named as such, and nothing is created in it.
  auto empty = server->create_database();
  ASSERT_THAT(empty, IsOk());
  Report r;
  EXPECT_THAT(add_input(r, *empty), StatusIs(ErrorCode::kNotFound, ::testing::HasSubstr("no Gauntlet history here")));
  EXPECT_THAT(add_input(r, *empty), StatusIs(ErrorCode::kNotFound));
}

}  // namespace
}  // namespace gauntlet::reports
