// Memory of target processes: the measurement against a process that holds a
// known amount, and the memory hypotheses of a service scenario.
#include "gauntlet/chaos/process/memory_usage.h"
#include "gauntlet/chaos/process/supervised_process.h"
#include "gauntlet/chaos/runner.h"
#include "gauntlet/chaos/service/service_scenario.h"

#include <gtest/gtest.h>

#include "../scratch_dir.h"
#include "gauntlet/harness/testing/status_matchers.h"

namespace gauntlet::chaos::service {
namespace {

const std::string kServer = std::string(GAUNTLET_SOURCE_DIR) + "/chaos/tests/service/data/memory_server.py";

std::uint64_t peak_of(const std::filesystem::path& dir, const std::string& name, int hold_mib) {
  process::ProcessSpec spec;
  spec.name = name;
  spec.program = "python3";
  spec.args = {kServer, "--port", "0", "--hold-mib", std::to_string(hold_mib)};
  spec.log_dir = dir;
  spec.readiness.kind = process::Readiness::Kind::kLogLine;
  spec.readiness.log_regex = "ready";
  auto p = process::SupervisedProcess::launch(spec, RealClock::instance());
  EXPECT_TRUE(p.ok()) << p.error().message();
  if (!p.ok()) return 0;
  auto usage = process::process_group_memory((*p)->pid());
  EXPECT_TRUE(usage.ok()) << usage.error().message();
  EXPECT_EQ(usage->processes, 1);
  EXPECT_GE(usage->peak_rss_bytes, usage->rss_bytes);
  return usage->peak_rss_bytes;
}

TEST(MemoryTest, AProcessHoldingAKnownAmountMeasuresWithinTenPercent) {
  const auto dir = testing::scratch_dir("memory_known");
  const double plain = static_cast<double>(peak_of(dir, "plain", 0));
  const double holding = static_cast<double>(peak_of(dir, "holding", 100));
  const double held_mib = (holding - plain) / (1024.0 * 1024.0);
  EXPECT_NEAR(held_mib, 100.0, 10.0) << "plain " << plain << " B, holding " << holding << " B";
}

TEST(MemoryTest, NoProcessInTheGroupIsNotFound) {
  auto usage = process::process_group_memory(999999999);
  ASSERT_THAT(usage, matchers::StatusIs(ErrorCode::kNotFound));
}

Result<RunRecord> run_server(const std::filesystem::path& dir, int leak_kib) {
  const std::string yaml =
      "name: memory\nduration: 2s\n"
      "processes:\n"
      "  - name: server\n"
      "    command: [python3, \"" +
      kServer + "\", --port, \"{port:s}\", --hold-mib, \"20\", --leak-kib, \"" + std::to_string(leak_kib) +
      "\"]\n"
      "    ready: {log: ready}\n"
      "load: {target: \"http://127.0.0.1:{port:s}/\", rate: 100}\n"
      "phases: [{name: all, end: 2s}]\n"
      "hypotheses:\n"
      "  - {kind: memory_below, process: server, max: 200MiB}\n"
      "  - {kind: memory_growth_below, process: server, max: 5MiB}\n"
      "  - {kind: latency_below, phase: all, quantile: 0.99, limit: 1s, min_samples: 100}\n";
  ServiceFileOptions options;
  options.logs = dir;
  auto s = parse_service_scenario_yaml(yaml, "memory.yaml", dir, options);
  if (!s) return s.error();
  RunOptions run;
  run.mode = TimeMode::kReal;
  return run_scenario(*s, run);
}

TEST(MemoryTest, ALeakingServiceFailsItsGrowthBudgetAndAHealthyOnePasses) {
  auto healthy = run_server(testing::scratch_dir("memory_healthy"), 0);
  ASSERT_TRUE(healthy) << healthy.error().message();
  ASSERT_EQ(healthy->verdicts.size(), 3u);
  for (const auto& v : healthy->verdicts) EXPECT_TRUE(v.holds) << v.hypothesis << ": " << v.evidence;
  EXPECT_GE(healthy->target_counters.at("server.memory_peak_bytes"), 20.0 * 1024 * 1024);

  // 64 KiB per request at 100 req/s for 2 s: about 12 MiB.
  auto leaking = run_server(testing::scratch_dir("memory_leaking"), 64);
  ASSERT_TRUE(leaking) << leaking.error().message();
  EXPECT_TRUE(leaking->verdicts[0].holds) << leaking->verdicts[0].evidence;
  EXPECT_FALSE(leaking->verdicts[1].holds) << leaking->verdicts[1].evidence;
  EXPECT_GT(leaking->verdicts[1].measured, 8.0) << leaking->verdicts[1].evidence;
}

TEST(MemoryTest, TooFewSamplesFailALatencyVerdict) {
  RunRecord run;
  PhaseStats p;
  p.phase = "all";
  p.completed = 12;
  p.p99_ns = kNanosPerMilli;
  run.phases.push_back(p);
  Hypothesis h = Hypothesis::latency_below("all", 0.99, kNanosPerSecond);
  h.min_samples = 100;
  Verdict v = check(h, run, FaultSchedule{});
  EXPECT_FALSE(v.holds);
  EXPECT_NE(v.evidence.find("only 12 requests; at least 100"), std::string::npos) << v.evidence;
}

}  // namespace
}  // namespace gauntlet::chaos::service
