#pragma once
// Test support: the report built from the sample inputs in tests/data, read
// with paths relative to the source tree so outputs are the same on every machine.
#include <sqlite3.h>

#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "gauntlet/harness/input_file.h"
#include "gauntlet/reports/report.h"
#include "sample_runs.h"

namespace gauntlet::reports::testing {

/// Creates a history database from tests/data/history.sql at `db`.
inline void make_history_db(const std::filesystem::path& db) {
  std::filesystem::remove(db);
  Result<std::string> sql = read_input_file(data_dir() / "history.sql", "test file");
  ASSERT_TRUE(sql.ok());
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(db.string().c_str(), &raw), SQLITE_OK);
  char* err = nullptr;
  int rc = sqlite3_exec(raw, sql->c_str(), nullptr, nullptr, &err);
  std::string message = err ? err : "";
  sqlite3_free(err);
  sqlite3_close(raw);
  ASSERT_EQ(rc, SQLITE_OK) << message;
}

/// Every sample input: hostile GoogleTest XML, two journals, a gate result,
/// property results and a history database.
inline Report sample_report(const std::filesystem::path& scratch) {
  std::filesystem::current_path(GAUNTLET_SOURCE_DIR);
  Report report;
  report.title = "Sample <run> & \"checks\"";
  report.environment = {{"commit", "0123abc"}, {"runner", "linux-x64 <ci>"}};
  const std::filesystem::path data = "reports/tests/data";
  for (const char* name : {"hostile_gtest.xml", "journal_checkout.json", "journal_cache.json", "gate.json",
                           "properties.json"}) {
    Status s = add_input(report, data / name);
    EXPECT_TRUE(s.ok()) << s.error().to_string();
  }
  make_history_db(scratch / "history.db");
  Status s = add_input(report, scratch / "history.db");
  EXPECT_TRUE(s.ok()) << s.error().to_string();
  return report;
}

}  // namespace gauntlet::reports::testing
