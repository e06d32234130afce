#pragma once
// A history location per test on each backend: a SQLite file in a scratch
// directory, or a fresh database on one PostgreSQL server the test binary
// starts (records/tests/postgres_server.h). The same tests run on both.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "gauntlet/harness/clock.h"
#include "gauntlet/records/history_store.h"
#include "postgres_server.h"

namespace gauntlet::records::testing {

enum class Backend { kSqlite, kPostgresql };

inline std::string backend_name(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::kSqlite ? "Sqlite" : "Postgresql";
}

class HistoryBackendTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::kSqlite) {
      dir_ = std::filesystem::temp_directory_path() /
             ("gauntlet_history_backend_" + std::to_string(::getpid()) + "_" + std::to_string(++counter_));
      std::filesystem::remove_all(dir_);
      location_ = (dir_ / "history.sqlite").string();
      return;
    }
    if (server_ == nullptr) GAUNTLET_REQUIRE_POSTGRES(server_);
    auto database = server_->create_database();
    ASSERT_TRUE(database.ok()) << database.error().to_string();
    location_ = *database;
  }
  void TearDown() override {
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  const std::string& location() const { return location_; }

  std::unique_ptr<HistoryStore> open(HistoryAccess access = HistoryAccess::kReadWrite) const {
    auto h = open_history(location_, access);
    EXPECT_TRUE(h.ok()) << h.error().to_string();
    return h.ok() ? std::move(h).value() : nullptr;
  }

  /// One benchmark's repetitions of real_time (and cpu_time at 90%).
  static HistoryRun run_of(const std::string& benchmark, std::initializer_list<double> real_times, std::string key = "",
                           std::string machine = "") {
    HistoryRun run;
    run.run_key = std::move(key);
    run.source = "run.json";
    run.context = {"host", 2, 2400, "release", std::move(machine)};
    std::int64_t rep = 0;
    for (double v : real_times) {
      run.samples.push_back({benchmark, "real_time", rep, v});
      run.samples.push_back({benchmark, "cpu_time", rep++, v * 0.9});
    }
    return run;
  }

  ManualClock clock_{1'700'000'000'000'000'000};

  static inline std::unique_ptr<PostgresServer> server_;  // one per test binary, stopped at exit

 private:
  static inline int counter_ = 0;
  std::filesystem::path dir_;
  std::string location_;
};

}  // namespace gauntlet::records::testing
