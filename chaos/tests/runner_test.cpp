#include "gauntlet/chaos/runner.h"

#include <gtest/gtest.h>

#include "gauntlet/harness/testing/status_matchers.h"

#include <nlohmann/json.hpp>

#include "gauntlet/chaos/fault_point.h"
#include "gauntlet/chaos/journal.h"

namespace gauntlet::chaos {
namespace {

constexpr Nanos kS = kNanosPerSecond;
constexpr Nanos kMs = kNanosPerMilli;

// A target whose calls take `service` and fail when the "runner.test" point returns.
TargetFactory simple_target(Nanos service) {
  return [service](const RunContext&) -> Result<std::unique_ptr<Target>> {
    return std::unique_ptr<Target>(std::make_unique<CallableTarget>([service](std::uint64_t) {
      FaultOutcome o = GAUNTLET_FAULT_POINT_EVAL("runner.test");
      CallStatus status = o.action == FaultAction::kReturn ? CallStatus::kFailed : CallStatus::kOk;
      return CallResult{status, service + o.delay_ns};
    }));
  };
}

RunOptions with(std::uint64_t seed, TimeMode mode = TimeMode::kVirtual) {
  RunOptions o;
  o.seed = seed;
  o.mode = mode;
  return o;
}

Scenario base(Nanos service) {
  Scenario s;
  s.name = "runner-test";
  s.target_name = "callable";
  s.target = simple_target(service);
  s.load.pattern = LoadPattern::constant(100);
  s.duration = 6 * kS;
  s.phases = steady_fault_recovery(2 * kS, 4 * kS, 6 * kS);
  s.hypotheses = {Hypothesis::conservation()};
  return s;
}

TEST(VirtualRunnerTest, ConstantLoadIsCountedAndTimedExactly) {
  Scenario s = base(5 * kMs);
  s.hypotheses.push_back(Hypothesis::latency_below("steady", 0.99, 6 * kMs));
  auto r = run_scenario(s, {});
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_EQ(r->totals.issued, 600u);
  EXPECT_EQ(r->totals.succeeded, 600u);
  EXPECT_EQ(r->totals.late, 0u);
  EXPECT_EQ(r->timeline.size(), 60u);
  EXPECT_EQ(r->phase("steady")->p99_ns, 5 * kMs);
  EXPECT_DOUBLE_EQ(r->timeline[10].throughput_rps, 100.0);
  EXPECT_TRUE(r->passed());
}

TEST(VirtualRunnerTest, OpenLoopCorrectsForCoordinatedOmissionAndCountsUnsent) {
  Scenario s = base(20 * kMs);  // 100 rps needs 2 connections; give it 1
  s.load.connections = 1;
  auto r = run_scenario(s, {});
  ASSERT_TRUE(r);
  const PhaseStats* recovery = r->phase("recovery");
  EXPECT_EQ(recovery->service_p99_ns, 20 * kMs);  // uncorrected: each call takes 20 ms
  EXPECT_GT(recovery->p99_ns, 2 * kS);            // corrected: the backlog keeps growing
  EXPECT_GT(r->totals.late, 0u);
  EXPECT_GT(r->totals.not_sent, 250u);  // about half of 600 could never be sent
  EXPECT_EQ(r->totals.issued, 600u);
  ASSERT_EQ(r->verdicts.size(), 1u);
  EXPECT_TRUE(r->verdicts[0].holds) << r->verdicts[0].evidence;
}

TEST(VirtualRunnerTest, ScheduledFaultsShowInPhasesTimelineAndActivity) {
  Scenario s = base(kMs);
  s.schedule = FaultSchedule::window("runner.test", 2 * kS, 4 * kS, 0.5);
  s.hypotheses.push_back(Hypothesis::error_rate_below("fault", 0.1));
  s.hypotheses.push_back(Hypothesis::error_rate_below("recovery", 0.01));
  auto r = run_scenario(s, with(3));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->phase("steady")->failed, 0u);
  EXPECT_NEAR(r->phase("fault")->error_rate, 0.5, 0.1);
  EXPECT_EQ(r->phase("recovery")->failed, 0u);
  ASSERT_EQ(r->fault_activity.size(), 1u);
  EXPECT_EQ(r->fault_activity[0].fires, r->totals.failed);
  EXPECT_GT(r->timeline[25].fault_fires.at("runner.test"), 0u);
  ASSERT_EQ(r->verdicts.size(), 3u);
  EXPECT_FALSE(r->verdicts[1].holds);
  EXPECT_NE(r->verdicts[1].evidence.find("failed"), std::string::npos);
  EXPECT_TRUE(r->verdicts[2].holds);
  EXPECT_FALSE(r->passed());
  EXPECT_EQ(r->replay, "gauntlet chaos run runner-test --seed 3 --time virtual");
}

TEST(VirtualRunnerTest, SameSeedGivesByteIdenticalJournals) {
  Scenario s = base(3 * kMs);
  s.schedule = FaultSchedule::ramp("runner.test", 2 * kS, kS, 0.3, 4 * kS) +
               FaultSchedule::spike("runner.test", 3 * kS, kS / 2, 40 * kMs);
  auto a = run_scenario(s, with(11));
  auto b = run_scenario(s, with(11));
  auto c = run_scenario(s, with(12));
  ASSERT_TRUE(a && b && c);
  std::string ja = journal_json(s, *a);
  EXPECT_EQ(ja, journal_json(s, *b));
  EXPECT_NE(ja, journal_json(s, *c));
  auto j = nlohmann::json::parse(ja);
  EXPECT_EQ(j["schema"], "gauntlet.journal/1");
  EXPECT_EQ(j["seed"], 11);
  EXPECT_EQ(j["timeline"].size(), 60u);
  EXPECT_FALSE(j.contains("wall_seconds"));
}

TEST(VirtualRunnerTest, JournalReadsBackAsTheRecordChaosWrote) {
  Scenario s = base(3 * kMs);
  s.schedule = FaultSchedule::spike("runner.test", 3 * kS, kS / 2, 40 * kMs);
  auto run = run_scenario(s, with(5));
  ASSERT_TRUE(run);
  const std::string text = journal_json(s, *run);
  auto read = records::read_journal_text(text, "runner-test.json");
  ASSERT_TRUE(read.ok()) << read.error().message();
  EXPECT_EQ(*read, journal_record(s, *run));
  EXPECT_EQ(records::journal_json(*read), text);  // same bytes after a read
  ASSERT_EQ(read->config.schedule.size(), 1u);
  EXPECT_EQ(read->config.schedule[0].magnitude, 40.0);  // latency faults in milliseconds
  EXPECT_EQ(read->phases.at(0).p50, 3.0);
}

TEST(VirtualRunnerTest, ClosedLoopRunsEachWorkerItsOps) {
  Scenario s = base(10 * kMs);
  s.load.mode = LoopMode::kClosed;
  s.load.workers = 4;
  s.load.ops_per_worker = 10;
  auto r = run_scenario(s, {});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->totals.issued, 40u);
  EXPECT_EQ(r->totals.succeeded, 40u);
  EXPECT_EQ(r->phase("steady")->p50_ns, 10 * kMs);
}

TEST(RealRunnerTest, ClosedLoopThreadsConserveRequests) {
  Scenario s = base(0);
  s.duration = 300 * kMs;
  s.interval = 50 * kMs;
  s.phases = {{"steady", 0, s.duration}};
  s.load.mode = LoopMode::kClosed;
  s.load.workers = 4;
  s.load.ops_per_worker = 25;
  auto r = run_scenario(s, with(1, TimeMode::kReal));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->totals.issued, 100u);
  EXPECT_EQ(r->totals.succeeded, 100u);
  EXPECT_TRUE(r->passed());
  EXPECT_GT(r->wall_seconds, 0.0);
  EXPECT_LT(r->timeline.size(), 6u);  // sampling stops when the load finishes
}

TEST(ScenarioTest, ValidationNamesTheField) {
  Scenario s = base(kMs);
  s.phases[1].start += 1;
  auto r = run_scenario(s, {});
  EXPECT_THAT(r, matchers::StatusIs(ErrorCode::kInvalidArgument, ::testing::HasSubstr("phases[1] (fault)")));
  Scenario t = base(kMs);
  t.hypotheses.push_back(Hypothesis::error_rate_below("nope", 0.1));
  auto q = run_scenario(t, {});
  EXPECT_THAT(q, matchers::StatusIs(ErrorCode::kInvalidArgument, ::testing::HasSubstr("unknown phase 'nope'")));
}

}  // namespace
}  // namespace gauntlet::chaos
