// The A -> B -> C chain as three real processes behind fault proxies, run as
// chaos scenarios in real time: the healthy build passes, the broken build
// (no deadlines, exits when its downstream fails) fails the same hypotheses.
#include "gauntlet/chaos/process/nginx.h"
#include "gauntlet/chaos/process/process_target.h"
#include "gauntlet/chaos/runner.h"

#include <gtest/gtest.h>

#include <unistd.h>

namespace gauntlet::chaos::process {
namespace {

#ifdef GAUNTLET_HTTP_CHAIN_NODE

std::uint16_t port() {
  auto p = free_loopback_port();
  return p.ok() ? *p : 0;
}

ProcessSpec node(const std::string& name, std::uint16_t listen, std::uint16_t downstream, int timeout_ms, bool broken,
                 const std::filesystem::path& logs) {
  ProcessSpec spec;
  spec.name = name;
  spec.program = GAUNTLET_HTTP_CHAIN_NODE;
  spec.args = {"--name", name, "--port", std::to_string(listen), "--timeout-ms", std::to_string(timeout_ms)};
  if (downstream) {
    spec.args.push_back("--downstream");
    spec.args.push_back("127.0.0.1:" + std::to_string(downstream));
  }
  if (broken) spec.args.push_back("--broken");
  spec.log_dir = logs;
  spec.readiness.kind = Readiness::Kind::kHttpGet;
  spec.readiness.port = listen;
  spec.readiness.path = "/health";
  return spec;
}

// A -> proxy b -> B -> proxy c -> C; fault points "chain.b", "chain.c" (proxies) and "process.c".
ProcessTargetSpec chain(bool broken, const std::string& label) {
  const auto logs = std::filesystem::temp_directory_path() / ("gauntlet_chain_" + label + "_" + std::to_string(::getpid()));
  const std::uint16_t a = port(), b = port(), c = port(), pb = port(), pc = port();
  ProcessTargetSpec spec;
  spec.name = broken ? "http_chain/broken" : "http_chain/healthy";
  spec.proxies = {{"b", "127.0.0.1:" + std::to_string(pb), "127.0.0.1:" + std::to_string(b), true},
                  {"c", "127.0.0.1:" + std::to_string(pc), "127.0.0.1:" + std::to_string(c), true}};
  spec.processes = {node("C", c, 0, 150, broken, logs), node("B", b, pc, 150, broken, logs),
                    node("A", a, pb, 400, broken, logs)};
  spec.entry = {"127.0.0.1", a};
  spec.proxy_points = {{"chain.b", "b"}, {"chain.c", "c"}};
  spec.process_points = {{"process.c", "C"}};
  spec.seed = 5;
  return spec;
}

Scenario scenario(const std::string& name, Target& target, FaultSchedule schedule, std::vector<Hypothesis> hypotheses) {
  Scenario s;
  s.name = name;
  s.target_name = "http_chain";
  s.target = [&target](const RunContext&) -> Result<std::unique_ptr<Target>> { return std::unique_ptr<Target>(std::make_unique<TargetRef>(target)); };
  s.load.mode = LoopMode::kClosed;
  s.load.workers = 4;
  s.load.think_time = 5 * kNanosPerMilli;
  s.schedule = std::move(schedule);
  s.duration = 3 * kNanosPerSecond;
  s.phases = steady_fault_recovery(kNanosPerSecond, 2 * kNanosPerSecond, s.duration);
  s.hypotheses = std::move(hypotheses);
  return s;
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
  auto target = ProcessTarget::start(chain(broken, broken ? "cascade_broken" : "cascade"), RealClock::instance());
  EXPECT_TRUE(target.ok()) << target.error().to_string();
  if (!target.ok()) return {};
  return run(scenario("http_chain_cascade", **target, FaultSchedule::window("chain.c", kNanosPerSecond, 2 * kNanosPerSecond),
                      {Hypothesis::latency_below("fault", 0.99, 500 * kNanosPerMilli),
                       Hypothesis::error_rate_below("recovery", 0.10), Hypothesis::conservation()}));
}

RunRecord latency_spike(bool broken) {
  auto target = ProcessTarget::start(chain(broken, broken ? "spike_broken" : "spike"), RealClock::instance());
  EXPECT_TRUE(target.ok()) << target.error().to_string();
  if (!target.ok()) return {};
  return run(scenario("http_chain_latency_spike", **target,
                      FaultSchedule::spike("chain.c", kNanosPerSecond, kNanosPerSecond, kNanosPerSecond),
                      {Hypothesis::latency_below("fault", 0.99, 600 * kNanosPerMilli),
                       Hypothesis::latency_below("recovery", 0.99, 600 * kNanosPerMilli),
                       Hypothesis::error_rate_below("recovery", 0.10)}));
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
  // Without deadlines the 1 s spike reaches A: calls sent during the fault
  // complete only after it (phases count by completion time).
  ASSERT_NE(r.phase("recovery"), nullptr);
  EXPECT_GE(r.phase("recovery")->max_ns, 900 * kNanosPerMilli);
}

TEST(HttpChainScenarioTest, KilledProcessIsRestartedOnTheTimeline) {
  auto target = ProcessTarget::start(chain(false, "kill"), RealClock::instance());
  ASSERT_TRUE(target.ok()) << target.error().to_string();
  const int first_pid = (*target)->process("C")->pid();
  RunRecord r = run(scenario("http_chain_kill_c", **target,
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
