#pragma once
// A scratch history path per test, and a raw SQLite handle for writing what
// the store would not.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "gauntlet/harness/clock.h"
#include "gauntlet/records/history.h"

namespace gauntlet::records::testing {

class HistoryDbTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("gauntlet_records_history_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) +
            std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string db() const { return (dir_ / "nested" / "history.sqlite").string(); }

  // Runs `sql` on a fresh database at db().
  void write_raw(const std::string& sql) const {
    std::filesystem::create_directories(dir_ / "nested");
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(db().c_str(), &raw), SQLITE_OK);
    char* err = nullptr;
    const int rc = sqlite3_exec(raw, sql.c_str(), nullptr, nullptr, &err);
    const std::string message = err ? err : "";
    sqlite3_free(err);
    sqlite3_close(raw);
    ASSERT_EQ(rc, SQLITE_OK) << message;
  }

  // One benchmark's repetitions of real_time (and cpu_time at 90%).
  static HistoryRun run_of(const std::string& benchmark, std::initializer_list<double> real_times,
                           std::string revision = "") {
    HistoryRun run;
    run.git_revision = std::move(revision);
    run.source = "run.json";
    run.context.host_name = "host";
    std::int64_t rep = 0;
    for (double v : real_times) {
      run.samples.push_back({benchmark, "real_time", rep, v});
      run.samples.push_back({benchmark, "cpu_time", rep++, v * 0.9});
    }
    return run;
  }

  std::filesystem::path dir_;
  ManualClock clock_{1'700'000'000'000'000'000};
};

}  // namespace gauntlet::records::testing
