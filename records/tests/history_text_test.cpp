// Text in the history is UTF-8: refused when a writer's is not, repaired when
// a row stored by an older build or another tool is not.
#include "gauntlet/harness/testing/status_matchers.h"
#include "gauntlet/records/history_series.h"
#include "gauntlet/records/history_store.h"
#include "history_test_db.h"

namespace gauntlet::records {
namespace {

using matchers::IsOk;
using matchers::StatusIs;

class HistoryTextTest : public testing::HistoryDbTest {};

TEST_F(HistoryTextTest, RevisionOrLabelThatIsNotUtf8IsRefusedAndNothingRecorded) {
  auto h = open_history(db());
  ASSERT_THAT(h, IsOk());
  auto id = (*h)->record_run(run_of("BM_A", {5}, "\xC3("), clock_);
  ASSERT_THAT(id, StatusIs(ErrorCode::kInvalidArgument));
  EXPECT_EQ(id.error().message(), "revision is not valid UTF-8 (ill-formed byte at offset 0)");
  HistoryRun labelled = run_of("BM_A", {5}, "abc");
  labelled.label = "lab\xFF";
  auto label = (*h)->record_run(labelled, clock_);
  ASSERT_THAT(label, StatusIs(ErrorCode::kInvalidArgument));
  EXPECT_EQ(label.error().message(), "label is not valid UTF-8 (ill-formed byte at offset 3)");
  auto runs = (*h)->runs(10);
  ASSERT_THAT(runs, IsOk());
  EXPECT_TRUE(runs->empty());
}

TEST_F(HistoryTextTest, IllFormedSourceIsRepairedOnWrite) {
  auto h = open_history(db());
  ASSERT_THAT(h, IsOk());
  HistoryRun run = run_of("BM_A", {5}, "good");
  run.source = "run\xFF.json";
  ASSERT_THAT((*h)->record_run(run, clock_), IsOk());
  auto runs = (*h)->runs(1);
  ASSERT_THAT(runs, IsOk());
  EXPECT_EQ((*runs)[0].source, "run\xEF\xBF\xBD.json");
}

TEST_F(HistoryTextTest, IllFormedTextAlreadyStoredIsRepairedOnRead) {
  {
    auto h = open_history(db());
    ASSERT_THAT(h, IsOk());
    ASSERT_THAT((*h)->record_run(run_of("BM_A", {5}, "good"), clock_), IsOk());
  }
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(db().c_str(), &raw), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(raw, "UPDATE runs SET git_revision = CAST(X'C328' AS TEXT)", nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(raw);
  for (HistoryAccess access : {HistoryAccess::kReadWrite, HistoryAccess::kReadOnly}) {
    auto h = open_history(db(), access);
    ASSERT_THAT(h, IsOk());
    auto series = history_series(**h, "BM_A", "real_time");
    ASSERT_THAT(series, IsOk());
    ASSERT_EQ(series->points.size(), 1u);
    EXPECT_EQ(series->points[0].git_revision, "\xEF\xBF\xBD(");
    auto runs = (*h)->runs(1);
    ASSERT_THAT(runs, IsOk());
    EXPECT_EQ((*runs)[0].git_revision, "\xEF\xBF\xBD(");
  }
}

}  // namespace
}  // namespace gauntlet::records
