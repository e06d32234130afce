#include "gauntlet/cli/testing/cli_run.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#ifdef GAUNTLET_RATIO_BENCH
#include "guarded_child.h"  // built with the benchmark program only
#endif

namespace gauntlet::ci {
namespace {

using cli::testing::CliRun;
CliRun run(const std::vector<std::string>& args) { return cli::testing::run_cli(args); }

class GateCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("gauntlet_gate_cli_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // A Google Benchmark file with 10 repetitions of BM_A around `centre` ns.
  std::string write_run(const std::string& name, double centre, const std::string& benchmark = "BM_A") {
    nlohmann::json doc{{"context", {{"host_name", "h"}, {"num_cpus", 2}, {"library_build_type", "release"}}}};
    doc["benchmarks"] = nlohmann::json::array();
    for (int i = 0; i < 10; ++i)
      doc["benchmarks"].push_back({{"name", benchmark},
                                   {"run_name", benchmark},
                                   {"run_type", "iteration"},
                                   {"repetition_index", i},
                                   {"iterations", 100},
                                   {"real_time", centre * (1 + 0.002 * i)},
                                   {"cpu_time", centre},
                                   {"time_unit", "ns"}});
    return write(name, doc.dump());
  }
  std::string write(const std::string& name, const std::string& text) {
    const auto p = (dir_ / name).string();
    std::ofstream(p) << text;
    return p;
  }
  std::filesystem::path dir_;
};

TEST_F(GateCommandTest, PassFailAndOutputs) {
  const auto base = write_run("b.json", 1000), same = write_run("s.json", 1000), slow = write_run("c.json", 1500);
  CliRun pass = run({"gate", "--baseline", base, "--current", same});
  EXPECT_EQ(pass.code, 0) << pass.out << pass.err;
  const auto json = (dir_ / "out.json").string(), md = (dir_ / "out.md").string();
  CliRun fail = run({"gate", "--baseline", base, "--current", slow, "--json", json, "--markdown", md,
                     "--github-benchmark", (dir_ / "gab.json").string(), "--bencher", (dir_ / "bmf.json").string()});
  EXPECT_EQ(fail.code, 1) << fail.out << fail.err;
  EXPECT_NE(fail.out.find("regressed"), std::string::npos);
  EXPECT_NE(fail.out.find("re-run: gauntlet gate --baseline"), std::string::npos);
  EXPECT_EQ(fail.out.find('\x1b'), std::string::npos);  // not a terminal
  std::ifstream in(json);
  auto doc = nlohmann::json::parse(in);
  EXPECT_EQ(doc["schema"], "gauntlet.gate/1");
  EXPECT_EQ(doc["verdict"], "fail");
  EXPECT_TRUE(std::filesystem::exists(md));
  EXPECT_TRUE(std::filesystem::exists(dir_ / "gab.json"));
  EXPECT_TRUE(std::filesystem::exists(dir_ / "bmf.json"));
}

// The printed re-run line keeps what decides the verdict, quoted for a shell.
TEST_F(GateCommandTest, RerunLineIsCompleteAndQuoted) {
  const auto base = write_run("my base.json", 1000), slow = write_run("slow.json", 1500);
  const auto json = (dir_ / "out.json").string();
  CliRun fail =
      run({"gate", "--baseline", base, "--current", slow, "--fail-inconclusive", "--seed", "9", "--json", json});
  EXPECT_EQ(fail.code, 1) << fail.out << fail.err;
  const auto doc = nlohmann::json::parse(std::ifstream(json));
  EXPECT_EQ(doc["rerun"],
            "gauntlet gate --baseline '" + base + "' --current " + slow + " --fail-inconclusive --seed 9");
  EXPECT_NE(fail.out.find("re-run: " + doc["rerun"].get<std::string>()), std::string::npos) << fail.out;
}

TEST_F(GateCommandTest, BadInputIsOneLineExitTwoAndWritesNothing) {
  const auto base = write_run("b.json", 1000);
  const auto bad = write("bad.json", "{\"benchmarks\": [");
  const auto json = (dir_ / "out.json").string();
  CliRun r = run({"gate", "--baseline", base, "--current", bad, "--json", json});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << r.err;
  EXPECT_NE(r.err.find("bad.json:1:"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(json));
  CliRun missing = run({"gate", "--baseline", base, "--current", (dir_ / "none.json").string()});
  EXPECT_EQ(missing.code, 2);
  const auto cfg = write("gate.yaml", "alpha: nope\n");
  CliRun bad_cfg = run({"gate", "--baseline", base, "--current", base, "--config", cfg});
  EXPECT_EQ(bad_cfg.code, 2);
  EXPECT_NE(bad_cfg.err.find("gate.yaml:1:8: alpha: expected a number"), std::string::npos) << bad_cfg.err;
  CliRun usage = run({"gate", "--baseline", base});
  EXPECT_EQ(usage.code, 2);
}

// An executable that runs the fake benchmark with BM_Clear `pct` percent slower.
std::string fake_side(const std::filesystem::path& dir, const std::string& name, const std::string& pct) {
  const auto p = (dir / name).string();
  std::ofstream(p) << "#!/bin/sh\nFAKE_CLEAR_PCT=" << pct << " FAKE_SIDE=" << name << " exec " << GAUNTLET_SOURCE_DIR
                   << "/ci/tests/data/fake_noisy_bench.py \"$@\"\n";
  std::filesystem::permissions(p, std::filesystem::perms::owner_all);
  return p;
}

TEST_F(GateCommandTest, ConfirmWithLetsAnInterleavedRunDecide) {
  ::setenv("FAKE_STATE", (dir_ / "state").c_str(), 1);
  ::setenv("FAKE_LOG", (dir_ / "log").c_str(), 1);
  // Separate runs say +50%: a suspect. Interleaved, the binaries are the same.
  const auto base = write_run("b.json", 1000, "BM_Clear"), cur = write_run("c.json", 1500, "BM_Clear");
  const auto json = (dir_ / "out.json").string();
  const auto same_a = fake_side(dir_, "A", "0"), same_b = fake_side(dir_, "B", "0");
  CliRun lifted = run({"gate", "--baseline", base, "--current", cur, "--json", json, "--confirm-with", same_a, same_b});
  EXPECT_EQ(lifted.code, 0) << lifted.out << lifted.err;
  EXPECT_NE(lifted.out.find("re-run with both binaries interleaved"), std::string::npos) << lifted.out;
  std::ifstream in(json);
  auto doc = nlohmann::json::parse(in);
  EXPECT_EQ(doc["benchmarks"][0]["separate_verdict"], "regressed");
  EXPECT_EQ(doc["benchmarks"][0]["method"], "paired rounds");
  EXPECT_NE(doc["rerun"].get<std::string>().find("--confirm-with"), std::string::npos);
  // A real +30% stays a regression.
  const auto slow_b = fake_side(dir_, "S", "30");
  CliRun kept = run({"gate", "--baseline", base, "--current", cur, "--confirm-with", same_a, slow_b});
  EXPECT_EQ(kept.code, 1) << kept.out << kept.err;
  EXPECT_NE(kept.out.find("regressed"), std::string::npos);
  ::unsetenv("FAKE_STATE");
  ::unsetenv("FAKE_LOG");
}

TEST_F(GateCommandTest, UntilDecidedNeedsACandidate) {
  CliRun r = run({"bench", "run", "--binary", "/bin/true", "--out", (dir_ / "o.json").string(), "--until-decided"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("--until-decided needs a candidate"), std::string::npos) << r.err;
  CliRun cap = run({"bench", "run", "--binary", "/bin/true", "--candidate-env", "X=1", "--candidate-out",
                    (dir_ / "c.json").string(), "--out", (dir_ / "o.json").string(), "--until-decided", "--rounds",
                    "10", "--max-rounds", "5"});
  EXPECT_EQ(cap.code, 2);
  EXPECT_NE(cap.err.find("--max-rounds 5 is below --rounds 10"), std::string::npos) << cap.err;
}

TEST_F(GateCommandTest, BaselineAndHistoryCommands) {
  const auto run1 = write_run("r1.json", 1000);
  const auto bdir = (dir_ / "baselines").string(), db = (dir_ / "h" / "history.sqlite").string();
  EXPECT_EQ(run({"baseline", "--dir", bdir, "save", run1, "--name", "candidate"}).code, 0);
  EXPECT_EQ(run({"baseline", "--dir", bdir, "promote", "--from", "candidate", "--to", "main"}).code, 0);
  CliRun show = run({"baseline", "--dir", bdir, "show", "--name", "main"});
  EXPECT_EQ(show.code, 0);
  EXPECT_NE(show.out.find("BM_A  n=10"), std::string::npos) << show.out;
  EXPECT_EQ(run({"baseline", "--dir", bdir, "show", "--name", "nope"}).code, 2);
  EXPECT_EQ(run({"history", "--db", db, "record", run1, "--revision", "r1"}).code, 0);
  CliRun hist = run({"history", "--db", db, "show"});
  EXPECT_EQ(hist.code, 0);
  EXPECT_NE(hist.out.find("r1"), std::string::npos);
  CliRun trend = run({"history", "--db", db, "trend", "--benchmark", "BM_A"});
  EXPECT_EQ(trend.code, 0);
  EXPECT_NE(trend.out.find("(n=10)"), std::string::npos) << trend.out;
  EXPECT_EQ(run({"history", "--db", db, "trend", "--benchmark", "BM_None"}).code, 2);
  const auto junk = write("junk.sqlite", std::string(200, 'x'));
  CliRun bad_db = run({"history", "--db", junk, "show"});
  EXPECT_EQ(bad_db.code, 2);
  EXPECT_NE(bad_db.err.find(junk), std::string::npos);
  CliRun gated = run({"gate", "--baseline", run1, "--current", run1, "--history", db});
  EXPECT_EQ(gated.code, 0) << gated.out << gated.err;
}

TEST_F(GateCommandTest, ChaosJournalPhasesAreBudgetOperations) {
  const auto journal = write("spike.json", R"({"schema": "gauntlet.journal/1", "scenario": "latency_spike",
      "phases": [{"name": "steady", "p50_ms": 50.5, "p95_ms": 52.0, "p99_ms": 53.0},
                 {"name": "fault", "p50_ms": 300.0, "p95_ms": 480.0, "p99_ms": 505.0}]})");
  const auto within = write("within.yaml", "budgets:\n  operations:\n    latency_spike/fault: {p99_ms: 500}\n");
  CliRun pass = run({"gate", "--config", within, "--journal", journal});
  EXPECT_EQ(pass.code, 0) << pass.out << pass.err;  // 505 ms <= 500 ms * 1.10
  const auto tight = write("tight.yaml",
                           "budgets:\n  tolerance_pct: 0\n  operations:\n"
                           "    latency_spike/fault: {p99_ms: 500}\n    latency_spike/steady: {p50_ms: 60}\n");
  const auto json = (dir_ / "budgets.json").string();
  CliRun breach = run({"gate", "--config", tight, "--journal", journal, "--json", json});
  EXPECT_EQ(breach.code, 1) << breach.out << breach.err;
  auto doc = nlohmann::json::parse(std::ifstream(json));
  ASSERT_EQ(doc["budgets"].size(), 2u);
  int breached = 0;
  for (const auto& b : doc["budgets"]) {
    if (b["breached"] == true) {
      ++breached;
      EXPECT_EQ(b["operation"], "latency_spike/fault");
      EXPECT_EQ(b["quantile"], "p99");
    }
  }
  EXPECT_EQ(breached, 1) << doc.dump();
  // With a comparison too: the journal supplies the operation the benchmarks lack.
  const auto base = write_run("b.json", 1000);
  CliRun both = run({"gate", "--baseline", base, "--current", base, "--config", within, "--journal", journal});
  EXPECT_EQ(both.code, 0) << both.out << both.err;

  const auto bad = write("bad-journal.json", R"({"schema": "gauntlet.journal/1", "scenario": "s",
      "phases": [{"name": "fault", "p99_ms": "slow"}]})");
  CliRun wrong = run({"gate", "--config", within, "--journal", bad});
  EXPECT_EQ(wrong.code, 2);
  EXPECT_NE(wrong.err.find("bad-journal.json: /phases/0/p99_ms: expected a number"), std::string::npos) << wrong.err;
  CliRun missing = run({"gate", "--config", within, "--journal", (dir_ / "none.json").string()});
  EXPECT_EQ(missing.code, 2);
  EXPECT_NE(missing.err.find("cannot open chaos journal"), std::string::npos) << missing.err;
}

TEST_F(GateCommandTest, CalibrateRunsTheBinaryItself) {
  const std::string fake = std::string(GAUNTLET_SOURCE_DIR) + "/ci/tests/data/fake_bench.sh";
  CliRun r = run({"gate", "calibrate", "--binary", fake, "--count", "3"});
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("BM_F"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("     6       0"), std::string::npos) << r.out;  // 3 runs: 6 ordered pairs, no alarm
  CliRun neither = run({"gate", "calibrate"});
  EXPECT_EQ(neither.code, 2);
  EXPECT_NE(neither.err.find("two or more run files, or --binary"), std::string::npos) << neither.err;
}

#ifdef GAUNTLET_RATIO_BENCH
// Runs the benchmark program as a guarded child (no shell); true when it exited 0.
::testing::AssertionResult run_ratio_bench(std::vector<std::string> args) {
  detail::GuardedCommand cmd;
  cmd.argv = {GAUNTLET_RATIO_BENCH};
  cmd.argv.insert(cmd.argv.end(), args.begin(), args.end());
  auto exit = detail::run_guarded(cmd);
  if (!exit) return ::testing::AssertionFailure() << exit.error().to_string();
  if (exit->signal != 0 || exit->code != 0) {
    return ::testing::AssertionFailure() << "benchmark exit " << exit->code << ", signal " << exit->signal;
  }
  return ::testing::AssertionSuccess();
}

// A real Google Benchmark program: BM_Pair/plain, /instrumented (the same work
// plus a Gauntlet counter and histogram) and /slowed (three times the work),
// all in one process with random interleaving; one run file judges them.
TEST_F(GateCommandTest, RatioRulesAndThroughputFloorsOnARealBenchmarkRun) {
  const auto run_file = (dir_ / "pair.json").string();
  ASSERT_TRUE(run_ratio_bench({"--benchmark_filter=BM_Pair", "--benchmark_repetitions=10",
                               "--benchmark_enable_random_interleaving=true", "--benchmark_min_time=0.01",
                               "--benchmark_out_format=json", "--benchmark_out=" + run_file}));
  const auto pass_cfg = write("pass.yaml", R"(metric: cpu_time
budgets:
  tolerance_pct: 0
  operations:
    BM_Pair/plain: {min_throughput: 1000, min_samples: 10}
ratios:
  - {name: instrumentation overhead, numerator: BM_Pair/instrumented, denominator: BM_Pair/plain, max: 1.5}
)");
  const auto json = (dir_ / "pair-gate.json").string();
  CliRun pass = run({"gate", "--current", run_file, "--config", pass_cfg, "--json", json});
  EXPECT_EQ(pass.code, 0) << pass.out << pass.err;
  EXPECT_NE(pass.out.find("ratio within: instrumentation overhead"), std::string::npos) << pass.out;
  EXPECT_NE(pass.out.find("throughput within: BM_Pair/plain"), std::string::npos) << pass.out;
  auto doc = nlohmann::json::parse(std::ifstream(json));
  EXPECT_EQ(doc["ratios"][0]["pairing"], "repetition");
  EXPECT_EQ(doc["ratios"][0]["pairs"], 10);
  EXPECT_LE(doc["ratios"][0]["ci_high"].get<double>(), 1.5);
  EXPECT_EQ(doc["throughput"][0]["samples"], 10);
  EXPECT_GT(doc["throughput"][0]["margin"].get<double>(), 0);

  // The slowed variant fails each: three times the work against a 1.5 ratio,
  // and a floor no machine reaches.
  const auto fail_cfg = write("fail.yaml", R"(metric: cpu_time
budgets:
  tolerance_pct: 0
  operations:
    BM_Pair/slowed: {min_throughput: 1e12}
ratios:
  - {name: instrumentation overhead, numerator: BM_Pair/slowed, denominator: BM_Pair/plain, max: 1.5}
)");
  CliRun fail = run({"gate", "--current", run_file, "--config", fail_cfg, "--json", json});
  EXPECT_EQ(fail.code, 1) << fail.out << fail.err;
  EXPECT_NE(fail.out.find("ratio regressed: instrumentation overhead"), std::string::npos) << fail.out;
  EXPECT_NE(fail.out.find("throughput breach: BM_Pair/slowed"), std::string::npos) << fail.out;
  doc = nlohmann::json::parse(std::ifstream(json));
  EXPECT_GT(doc["ratios"][0]["ci_low"].get<double>(), 1.5);
  EXPECT_EQ(doc["throughput"][0]["verdict"], "breached");
  EXPECT_EQ(doc["summary"]["budget_breaches"], 1);
  EXPECT_EQ(doc["summary"]["ratio_regressions"], 1);
}

// Seed 004's floors against Gauntlet's primitives: > 50,000 metric operations
// per second from 50 threads, > 5,000 traces per second from 20 threads (all
// threads timed together); the slowed variants fail both.
TEST_F(GateCommandTest, Seed004ThroughputFloorsOnGauntletPrimitives) {
  const auto run_file = (dir_ / "seed004.json").string();
  ASSERT_TRUE(
      run_ratio_bench({"--benchmark_filter=BM_Seed004", "--benchmark_repetitions=3", "--benchmark_min_time=0.01",
                       "--benchmark_out_format=json", "--benchmark_out=" + run_file}));
  const auto floors = [&](const std::string& suffix) {
    return write("floors" + suffix + ".yaml",
                 "budgets:\n  tolerance_pct: 0\n  operations:\n"
                 "    BM_Seed004/metric_ops_50_threads" +
                     suffix +
                     "/manual_time: {min_throughput: 50000, "
                     "min_samples: 3}\n"
                     "    BM_Seed004/traces_20_threads" +
                     suffix + "/manual_time: {min_throughput: 5000, min_samples: 3}\n");
  };
  const auto json = (dir_ / "seed004-gate.json").string();
  CliRun pass = run({"gate", "--current", run_file, "--config", floors(""), "--json", json});
  EXPECT_EQ(pass.code, 0) << pass.out << pass.err;
  auto doc = nlohmann::json::parse(std::ifstream(json));
  ASSERT_EQ(doc["throughput"].size(), 2u);
  for (const auto& t : doc["throughput"]) {
    EXPECT_EQ(t["verdict"], "within") << t.dump();
    EXPECT_EQ(t["samples"], 3);
  }
  CliRun slowed = run({"gate", "--current", run_file, "--config", floors("_slowed"), "--json", json});
  EXPECT_EQ(slowed.code, 1) << slowed.out << slowed.err;
  doc = nlohmann::json::parse(std::ifstream(json));
  for (const auto& t : doc["throughput"]) {
    EXPECT_EQ(t["verdict"], "breached") << t.dump();
    EXPECT_LT(t["margin"].get<double>(), 0);
  }
  EXPECT_EQ(doc["summary"]["budget_breaches"], 2);
}

// Seed 004's memory limits (growth < 10 MB over the run, and seed 002's peak
// < 500 MB) on the seed-004 metric operations, measured by `gauntlet bench
// run`; a program that leaks 32 MiB fails the growth limit.
TEST_F(GateCommandTest, Seed004MemoryLimitsOnABenchRun) {
  const auto limits = write("memory.yaml", "budgets:\n  max_memory_mb: 500\n  max_memory_growth_mb: 10\n");
  const auto measure = [&](const std::string& filter, const std::string& out) {
    CliRun r = run({"bench", "run", "--binary", GAUNTLET_RATIO_BENCH, "--filter", filter, "--rounds", "2",
                    "--repetitions", "1", "--min-time", "0.05", "--out", out});
    EXPECT_EQ(r.code, 0) << r.out << r.err;
  };
  const auto ops = (dir_ / "ops.json").string(), leak = (dir_ / "leak.json").string();
  measure("BM_Seed004/metric_ops_50_threads/", ops);
  measure("BM_Memory/leak_32MiB/", leak);
  const auto json = (dir_ / "memory-gate.json").string();
  CliRun pass = run({"gate", "--current", ops, "--config", limits, "--json", json});
  EXPECT_EQ(pass.code, 0) << pass.out << pass.err;
  auto doc = nlohmann::json::parse(std::ifstream(json));
  ASSERT_EQ(doc["memory"].size(), 2u) << doc.dump();
  for (const auto& m : doc["memory"]) {
    EXPECT_EQ(m["verdict"], "within") << m.dump();
    ASSERT_TRUE(m["measured_bytes"].is_number()) << m.dump();
    // A process holds memory; it may end holding no more than it started with.
    if (m["kind"] == "peak") {
      EXPECT_GT(m["measured_bytes"].get<double>(), 1 << 20) << m.dump();
    } else {
      EXPECT_GE(m["measured_bytes"].get<double>(), 0) << m.dump();
    }
  }
  CliRun leaking = run({"gate", "--current", leak, "--config", limits, "--json", json});
  EXPECT_EQ(leaking.code, 1) << leaking.out << leaking.err;
  doc = nlohmann::json::parse(std::ifstream(json));
  bool growth_breached = false;
  for (const auto& m : doc["memory"])
    growth_breached = growth_breached || (m["kind"] == "growth" && m["verdict"] == "breached");
  EXPECT_TRUE(growth_breached) << doc["memory"].dump();
}
#endif

TEST_F(GateCommandTest, CurrentAloneChecksBudgetsAndRatiosOnly) {
  const auto cur = write_run("c.json", 1000);
  CliRun nothing = run({"gate", "--current", cur});
  EXPECT_EQ(nothing.code, 0) << nothing.out << nothing.err;
  EXPECT_NE(nothing.out.find("warning: no budgets, ratios or min_quality configured and no baseline"),
            std::string::npos)
      << nothing.out;
  const auto cfg = write("r.yaml", "ratios:\n  - {numerator: BM_A, denominator: BM_B, max: 1.01}\n");
  CliRun missing = run({"gate", "--current", cur, "--config", cfg});
  EXPECT_EQ(missing.code, 1) << missing.out << missing.err;
  EXPECT_NE(missing.out.find("ratio missing: BM_A / BM_B"), std::string::npos) << missing.out;
  CliRun history = run({"gate", "--current", cur, "--history", (dir_ / "h.sqlite").string()});
  EXPECT_EQ(history.code, 2);
  EXPECT_EQ(history.err, "gauntlet gate: --confirm-with and --history need --baseline\n");
  CliRun none = run({"gate", "--baseline", cur});
  EXPECT_EQ(none.code, 2);
  EXPECT_NE(none.err.find("--current is required"), std::string::npos) << none.err;
}

}  // namespace
}  // namespace gauntlet::ci
