// The A -> B -> C chain as three real processes behind fault proxies, run as
// chaos scenarios in real time: the healthy build passes, the broken build
// (no deadlines, exits when its downstream fails) fails the same hypotheses.
#include "gauntlet/chaos/process/process_target.h"
#include "gauntlet/chaos/runner.h"
#ifdef GAUNTLET_HTTP_CHAIN_NODE
#include "gauntlet/fixtures/http_chain.h"
#endif

#include "../scratch_dir.h"

#include <gtest/gtest.h>

#include <algorithm>

#include <unistd.h>

namespace gauntlet::chaos::process {
namespace {

#ifdef GAUNTLET_HTTP_CHAIN_NODE

// A healthy or broken chain, logs under a per-test temp folder.
Result<std::unique_ptr<ProcessTarget>> start_chain(bool broken, const std::string& label) {
  fixtures::HttpChainOptions o;
  o.node_program = GAUNTLET_HTTP_CHAIN_NODE;
  o.broken = broken;
  o.log_dir = chaos::testing::scratch_dir("chain_" + label);
  auto spec = fixtures::http_chain_spec(o);
  if (!spec.ok()) return spec.error();
  return ProcessTarget::start(std::move(*spec), RealClock::instance());
}

RunRecord run(const Scenario& s) {
  auto r = run_scenario(s, RunOptions{7, TimeMode::kReal, {}, {}});
  EXPECT_TRUE(r.ok()) << r.error().to_string();
  return r.ok() ? *r : RunRecord{};
}

std::string verdicts(const RunRecord& r) {
  std::string out;
  for (const Verdict& v : r.verdicts) out += (v.holds ? "[holds] " : "[fails] ") + v.hypothesis + " " + v.phase + ": " + v.evidence + "\n";
  return out;
}

RunRecord cascade(bool broken) {
  auto target = start_chain(broken, broken ? "cascade_broken" : "cascade");
  EXPECT_TRUE(target.ok()) << target.error().to_string();
  return target.ok() ? run(fixtures::http_chain_cascade(**target)) : RunRecord{};
}

RunRecord latency_spike(bool broken) {
  auto target = start_chain(broken, broken ? "spike_broken" : "spike");
  EXPECT_TRUE(target.ok()) << target.error().to_string();
  return target.ok() ? run(fixtures::http_chain_latency_spike(**target)) : RunRecord{};
}

TEST(HttpChainScenarioTest, CascadingFailurePassesOnHealthyChain) {
  RunRecord r = cascade(false);
  EXPECT_TRUE(r.passed()) << verdicts(r);
  EXPECT_EQ(r.target_kind, "process");
  ASSERT_NE(r.phase("fault"), nullptr);
  EXPECT_GT(r.phase("fault")->error_rate, 0.9) << "C's outage must be visible at A";
}

TEST(HttpChainScenarioTest, CascadingFailureFailsOnBrokenChain) {
  RunRecord r = cascade(true);
  EXPECT_FALSE(r.passed()) << verdicts(r);
  ASSERT_NE(r.phase("recovery"), nullptr);
  EXPECT_GT(r.phase("recovery")->error_rate, 0.5) << "B exited, so the chain cannot recover";
}

TEST(HttpChainScenarioTest, LatencySpikePassesOnHealthyChain) {
  RunRecord r = latency_spike(false);
  EXPECT_TRUE(r.passed()) << verdicts(r);
}

TEST(HttpChainScenarioTest, LatencySpikeFailsOnBrokenChain) {
  RunRecord r = latency_spike(true);
  EXPECT_FALSE(r.passed()) << verdicts(r);
  // Without deadlines the 1 s spike reaches A. Calls sent into it end near
  // the fault/recovery boundary, on either side (phases count by completion).
  ASSERT_NE(r.phase("fault"), nullptr);
  ASSERT_NE(r.phase("recovery"), nullptr);
  EXPECT_GE(std::max(r.phase("fault")->max_ns, r.phase("recovery")->max_ns), 900 * kNanosPerMilli);
}

TEST(HttpChainScenarioTest, KilledProcessIsRestartedOnTheTimeline) {
  auto target = start_chain(false, "kill");
  ASSERT_TRUE(target.ok()) << target.error().to_string();
  const int first_pid = (*target)->process("C")->pid();
  RunRecord r = run(fixtures::http_chain_scenario("http_chain_kill_c", **target,
                             FaultSchedule::window("process.c", kNanosPerSecond, 2 * kNanosPerSecond),
                             // The restart (readiness included) falls in the recovery phase.
                             {Hypothesis::error_rate_below("recovery", 0.25)}));
  EXPECT_TRUE(r.passed()) << verdicts(r);
  EXPECT_EQ(r.target_counters["C.starts"], 2);
  EXPECT_EQ(r.target_counters["C.running"], 1);
  EXPECT_NE((*target)->process("C")->pid(), first_pid);
  EXPECT_GT(r.phase("fault")->error_rate, 0.9);
}

#else
TEST(HttpChainScenarioTest, NeedsTheChainFixture) {
  GTEST_SKIP() << "fixtures/http_chain is not part of this build";
}
#endif

}  // namespace
}  // namespace gauntlet::chaos::process
