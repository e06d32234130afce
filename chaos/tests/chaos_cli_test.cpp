#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "gauntlet/cli/testing/cli_run.h"

namespace gauntlet::chaos {
namespace {

using cli::testing::CliRun;
CliRun run(const std::vector<std::string>& args) { return cli::testing::run_cli(args); }

TEST(ChaosCliTest, ListNamesEveryBuiltin) {
  CliRun r = run({"chaos", "list"});
  EXPECT_EQ(r.code, 0);
  for (const char* name : {"gradual_failure", "transient_outage", "concurrent_load", "cascading_failure",
                           "latency_spike", "breaker_transitions", "concurrent_metrics"}) {
    EXPECT_NE(r.out.find(name), std::string::npos) << name;
  }
}

TEST(ChaosCliTest, PassingRunExitsZeroAndWritesTheJournal) {
  std::string path = ::testing::TempDir() + "chaos_cli_journal.json";
  CliRun r = run({"chaos", "run", "transient_outage", "--seed", "4", "--time", "virtual", "--journal", path.c_str()});
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  std::ifstream in(path);
  ASSERT_TRUE(in.good());
  auto j = nlohmann::json::parse(in);
  EXPECT_EQ(j["schema"], "gauntlet.journal/1");
  EXPECT_EQ(j["seed"], 4);
  EXPECT_EQ(j["passed"], true);
  std::remove(path.c_str());
}

TEST(ChaosCliTest, FailingRunExitsOneWithTheReplayCommand) {
  CliRun r = run({"chaos", "run", "transient_outage", "--variant", "breaker_never_closes", "--seed", "9"});
  EXPECT_EQ(r.code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("FAIL breaker c closed"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("replay: gauntlet chaos run transient_outage --variant breaker_never_closes --seed 9 --time virtual"),
            std::string::npos)
      << r.out;
}

TEST(ChaosCliTest, BadInputExitsTwoWithOneLine) {
  CliRun unknown = run({"chaos", "run", "no_such_scenario"});
  EXPECT_EQ(unknown.code, 2);
  EXPECT_EQ(unknown.err.find('\n'), unknown.err.size() - 1) << unknown.err;
  EXPECT_NE(unknown.err.find("no_such_scenario"), std::string::npos);
  CliRun missing = run({"chaos", "run", "/nonexistent/file.yaml"});
  EXPECT_EQ(missing.code, 2);
  EXPECT_NE(missing.err.find("/nonexistent/file.yaml"), std::string::npos);
  EXPECT_EQ(run({"chaos", "run", "transient_outage", "--time", "sideways"}).code, 2);
  EXPECT_EQ(run({"chaos"}).code, 2);
}

}  // namespace
}  // namespace gauntlet::chaos
