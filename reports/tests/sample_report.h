#pragma once
// Test support: the report built from the sample inputs in tests/data, the
// gate's golden record and the history it was judged with, read with paths
// relative to the source tree so outputs are the same on every machine.
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "gauntlet/harness/input_file.h"
#include "gauntlet/records/history_store.h"
#include "gauntlet/reports/report.h"
#include "records/tests/sample_history.h"  // records' test support: the history the golden gate used
#include "sample_runs.h"

namespace gauntlet::reports::testing {

/// Records the sample history (records/tests/sample_history.h) at `db`
/// through the history store, as `gauntlet history record` does.
inline void make_history_db(const std::filesystem::path& db) {
  std::filesystem::remove(db);
  auto store = records::open_history(db.string());
  ASSERT_TRUE(store.ok()) << store.error().to_string();
  ManualClock clock(86'400'000'000'000);
  Status recorded = records::testing::record_sample_history(**store, clock);
  ASSERT_TRUE(recorded.ok()) << recorded.error().to_string();
}

/// Every sample input: hostile GoogleTest XML, two journals, a gate result,
/// property results and a history database.
inline Report sample_report(const std::filesystem::path& scratch) {
  std::filesystem::current_path(GAUNTLET_SOURCE_DIR);
  Report report;
  report.title = "Sample <run> & \"checks\"";
  report.environment = {{"commit", "0123abc"}, {"runner", "linux-x64 <ci>"}};
  const std::filesystem::path data = "reports/tests/data";
  for (const char* name : {"hostile_gtest.xml", "properties.json"}) {
    Status s = add_input(report, data / name);
    EXPECT_TRUE(s.ok()) << s.error().to_string();
  }
  // Journals the chaos runner wrote (fixtures/chaos_scenarios/tests/journal_golden_test.cpp).
  for (const std::filesystem::path& journal : kJournalGoldens) {
    Status s = add_input(report, journal);
    EXPECT_TRUE(s.ok()) << s.error().to_string();
  }
  // The gate result the gate itself wrote (ci/tests/gate_golden_test.cpp).
  Status gate = add_input(report, kGateGolden);
  EXPECT_TRUE(gate.ok()) << gate.error().to_string();
  make_history_db(scratch / "history.db");
  Status s = add_input(report, scratch / "history.db");
  EXPECT_TRUE(s.ok()) << s.error().to_string();
  return report;
}

}  // namespace gauntlet::reports::testing
