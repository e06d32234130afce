// The gate reads a PostgreSQL history as it reads a SQLite one: a team's
// SQLite history copied into PostgreSQL (`gauntlet history copy`) gives the
// same gauntlet.gate/1 record, verdicts, intervals and change points.
#include "gauntlet/cli/testing/cli_run.h"
#include "gauntlet/records/history_store.h"
#include "records/tests/postgres_server.h"  // records' test support: a throwaway server
#include "records/tests/sample_history.h"   // records' test support: the sample history

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace gauntlet::ci {
namespace {

using cli::testing::run_cli;

class HistoryBackendsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("gauntlet_history_backends_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
    GAUNTLET_REQUIRE_POSTGRES(server_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // Google Benchmark JSON from the sample history's machine: 10 repetitions
  // of each benchmark, `scale` times the history's last level.
  std::string write_run(const std::string& name, double scale) {
    nlohmann::json doc{{"context", {{"host_name", "ci-runner-1"}, {"num_cpus", 2}, {"library_build_type", "release"}}}};
    doc["benchmarks"] = nlohmann::json::array();
    const std::pair<const char*, double> levels[] = {{"BM_CounterInc", 3.1},
                                                     {"BM_HistogramObserve", 23.4},
                                                     {"BM_SpanStart", 71.0},
                                                     {"BM_BreakerAllow<std::mutex>", 12}};
    for (const auto& [benchmark, level] : levels)
      for (int i = 0; i < 10; ++i) {
        const double t = level * scale * (1 + 0.003 * ((i * 7) % 10 - 4.5));
        doc["benchmarks"].push_back({{"name", benchmark},
                                     {"run_name", benchmark},
                                     {"run_type", "iteration"},
                                     {"repetition_index", i},
                                     {"iterations", 1000},
                                     {"real_time", t},
                                     {"cpu_time", t * 0.98},
                                     {"time_unit", "ns"}});
      }
    const auto p = (dir_ / name).string();
    std::ofstream(p) << doc.dump();
    return p;
  }

  // The gate's record with `history`, its re-run line left out (it names the history).
  nlohmann::json gate_with(const std::string& history, const std::string& base, const std::string& cur,
                           const std::string& out) {
    const auto r = run_cli({"gate", "--baseline", base, "--current", cur, "--history", history, "--json", out});
    EXPECT_TRUE(r.code == 0 || r.code == 1) << r.err;
    std::ifstream in(out);
    nlohmann::json doc = nlohmann::json::parse(in, nullptr, false);
    EXPECT_FALSE(doc.is_discarded()) << out;
    EXPECT_NE(doc.value("rerun", std::string()).find(history), std::string::npos);
    doc.erase("rerun");
    return doc;
  }

  std::filesystem::path dir_;
  std::unique_ptr<records::testing::PostgresServer> server_;
};

TEST_F(HistoryBackendsTest, GateVerdictsFromPostgresqlEqualThoseFromSqlite) {
  const std::string sqlite = (dir_ / "history.sqlite").string();
  {
    auto h = records::open_history(sqlite);
    ASSERT_TRUE(h.ok()) << h.error().to_string();
    ManualClock clock(1'700'000'000'000'000'000);
    ASSERT_TRUE(records::testing::record_sample_history(**h, clock).ok());
    // Runs of another machine class, far noisier: the gate must not learn from them.
    for (int i = 0; i < 10; ++i) {
      records::HistoryRun run;
      run.context = {"big-box-" + std::to_string(i), 64, 3000, "release", "big-box"};
      for (std::int64_t rep = 0; rep < 3; ++rep)
        run.samples.push_back({"BM_HistogramObserve", "cpu_time", rep, (i % 2 ? 10.0 : 40.0) + rep});
      ASSERT_TRUE((*h)->record_run(run, clock).ok());
    }
  }
  auto database = server_->create_database();
  ASSERT_TRUE(database.ok()) << database.error().to_string();
  const auto copy = run_cli({"history", "--db", sqlite, "copy", "--to", *database});
  ASSERT_EQ(copy.code, 0) << copy.err;
  EXPECT_NE(copy.out.find("copied 30 runs"), std::string::npos) << copy.out;

  const auto base = write_run("base.json", 1.0);
  for (double scale : {1.0, 1.06, 1.3}) {
    const auto cur = write_run("cur.json", scale);
    const nlohmann::json from_sqlite = gate_with(sqlite, base, cur, (dir_ / "sqlite.json").string());
    const nlohmann::json from_postgresql = gate_with(*database, base, cur, (dir_ / "pg.json").string());
    EXPECT_EQ(from_sqlite, from_postgresql) << "scale " << scale;
    ASSERT_TRUE(from_sqlite.contains("change_points")) << from_sqlite.dump();
    EXPECT_EQ(from_sqlite["change_points"].size(), 2u) << "scale " << scale;
  }
}

// `gauntlet history record|show|trend` on a PostgreSQL URI, with a run key
// (a retried CI job records nothing twice) and a machine class.
TEST_F(HistoryBackendsTest, HistoryCommandsWorkOnAPostgresqlUri) {
  auto database = server_->create_database();
  ASSERT_TRUE(database.ok()) << database.error().to_string();
  const auto run = write_run("run.json", 1.0);
  for (int attempt = 0; attempt < 2; ++attempt) {
    const auto r = run_cli({"history", "--db", *database, "record", run, "--revision", "abc", "--run-key",
                            "pipeline-7/job-3", "--machine", "ci-2cpu"});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.out, "recorded run 1 from " + run + "\n") << "attempt " << attempt;
  }
  ASSERT_EQ(run_cli({"history", "--db", *database, "record", write_run("next.json", 1.1), "--revision", "def"}).code,
            0);
  const auto show = run_cli({"history", "--db", *database, "show"});
  ASSERT_EQ(show.code, 0) << show.err;
  EXPECT_NE(show.out.find("(schema 3)"), std::string::npos) << show.out;
  EXPECT_NE(show.out.find("run     1  abc  -  ci-2cpu  " + run + "  key pipeline-7/job-3"), std::string::npos)
      << show.out;
  EXPECT_NE(show.out.find("run     2  def  -  ci-runner-1"), std::string::npos) << show.out;
  const auto trend = run_cli({"history", "--db", *database, "trend", "--benchmark", "BM_SpanStart"});
  ASSERT_EQ(trend.code, 0) << trend.err;
  EXPECT_NE(trend.out.find("run     1  abc"), std::string::npos) << trend.out;
  EXPECT_NE(trend.out.find("run     2  def"), std::string::npos) << trend.out;
}

// An unreachable server is the environment's failure (exit 3), named without
// the password the URI carried.
TEST_F(HistoryBackendsTest, AnUnreachableServerIsNamedWithoutItsPassword) {
  const std::string uri =
      "postgresql://gauntlet:s3cret@127.0.0.1:" + std::to_string(server_->port() + 1) + "/nowhere?connect_timeout=5";
  const auto r = run_cli({"history", "--db", uri, "show"});
  EXPECT_EQ(r.code, 3) << r.err;
  EXPECT_EQ(r.err.find("s3cret"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("postgresql://gauntlet@127.0.0.1:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("cannot connect"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace gauntlet::ci
