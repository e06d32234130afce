#include "gauntlet/chaos/shrink.h"

#include <gtest/gtest.h>

#include "gauntlet/chaos/runner.h"
#include "gauntlet/chaos/scenario_file.h"
#include "gauntlet/chaos/scenarios/builtin.h"

namespace gauntlet::chaos {
namespace {

TEST(ShrinkTest, FindsAndShrinksAScheduleTheBrokenChainCannotRecoverFrom) {
  auto base = builtin_scenario("transient_outage", "breaker_never_closes");
  ASSERT_TRUE(base);
  ShrinkOptions options;
  options.seed = 3;
  options.tests = 20;
  options.points = {"chain.c"};
  auto found = search_schedules(*base, options);
  ASSERT_TRUE(found) << found.error().to_string();
  ASSERT_TRUE(found->found);
  // Locally minimal: short faults at the start of the window (overlapping
  // weak faults can still trip the breaker together).
  ASSERT_GE(found->minimal.faults().size(), 1u);
  ASSERT_LE(found->minimal.faults().size(), 2u);
  for (const auto& g : found->minimal.faults()) {
    EXPECT_GE(g.start, base->phases[1].start);
    EXPECT_LE(g.end - g.start, 2 * kNanosPerSecond) << "not shortened";
  }
  const ScheduledFault& f = found->minimal.faults()[0];
  bool recovery_failed = false;
  for (const auto& v : found->failing) recovery_failed |= v.hypothesis.find("closed and error rate") != std::string::npos;
  EXPECT_TRUE(recovery_failed);

  // The minimal schedule written as a scenario file replays the failure.
  Scenario minimal = *base;
  minimal.schedule = found->minimal;
  auto yaml = scenario_yaml(minimal);
  ASSERT_TRUE(yaml) << yaml.error().to_string();
  auto reloaded = parse_scenario_yaml(*yaml, "minimal.yaml", bundled_target);
  ASSERT_TRUE(reloaded) << reloaded.error().to_string() << "\n" << *yaml;
  EXPECT_EQ(reloaded->schedule.faults()[0].end, f.end);
  RunOptions run_options;
  run_options.seed = options.seed;
  auto replay = run_scenario(*reloaded, run_options);
  ASSERT_TRUE(replay);
  EXPECT_FALSE(replay->passed());
}

TEST(ShrinkTest, HealthyChainSurvivesTheSearch) {
  auto base = builtin_scenario("transient_outage");
  ASSERT_TRUE(base);
  ShrinkOptions options;
  options.seed = 5;
  options.tests = 8;
  options.points = {"chain.c"};
  auto found = search_schedules(*base, options);
  ASSERT_TRUE(found);
  EXPECT_FALSE(found->found) << (found->failing.empty() ? "" : found->failing[0].evidence);
  EXPECT_EQ(found->runs, 8);
}

TEST(ShrinkTest, CustomHypothesesCannotBeWrittenToAFile) {
  auto base = builtin_scenario("latency_spike");
  ASSERT_TRUE(base);
  auto yaml = scenario_yaml(*base);
  ASSERT_FALSE(yaml);
  EXPECT_EQ(yaml.error().code(), ErrorCode::kInvalidArgument);
  ShrinkOptions no_points;
  EXPECT_EQ(search_schedules(*base, no_points).error().code(), ErrorCode::kInvalidArgument);
}

// Every hypothesis a file can state is written back as the file stated it.
TEST(ShrinkTest, EveryFileHypothesisKindSurvivesARoundTrip) {
  auto base = builtin_scenario("transient_outage");
  ASSERT_TRUE(base);
  Scenario s = *base;
  const std::string phase = s.phases.front().name;
  Hypothesis latency = Hypothesis::latency_below(phase, 0.95, 250 * kNanosPerMilli);
  latency.min_samples = 200;
  s.hypotheses = {latency,
                  Hypothesis::throughput_above(phase, 120.5),
                  Hypothesis::status_count(phase, 500, 599, 1, 40),
                  Hypothesis::status_count(phase, 503, 503, -1, 0),
                  Hypothesis::idle_below(phase, 750 * kNanosPerMilli),
                  Hypothesis::memory_below("backend", 100u << 20),
                  Hypothesis::memory_growth_below("backend", 5'000'000),
                  Hypothesis::quality_at_least(phase, SampleQuality::kGood)};
  auto yaml = scenario_yaml(s);
  ASSERT_TRUE(yaml) << yaml.error().to_string();
  auto reloaded = parse_scenario_yaml(*yaml, "kinds.yaml", bundled_target);
  ASSERT_TRUE(reloaded) << reloaded.error().to_string() << "\n" << *yaml;
  ASSERT_EQ(reloaded->hypotheses.size(), s.hypotheses.size()) << *yaml;
  for (std::size_t i = 0; i < s.hypotheses.size(); ++i) {
    const Hypothesis& a = s.hypotheses[i];
    const Hypothesis& b = reloaded->hypotheses[i];
    EXPECT_EQ(b.kind, a.kind) << i;
    EXPECT_EQ(b.describe(), a.describe()) << i;
    EXPECT_EQ(b.min_samples, a.min_samples) << i;
    EXPECT_EQ(b.status_lo, a.status_lo) << i;
    EXPECT_EQ(b.status_hi, a.status_hi) << i;
    EXPECT_EQ(b.min_count, a.min_count) << i;
    EXPECT_EQ(b.max_count, a.max_count) << i;
    EXPECT_EQ(b.max_bytes, a.max_bytes) << i;
    EXPECT_EQ(b.process, a.process) << i;
    EXPECT_EQ(b.min_quality, a.min_quality) << i;
  }
}

}  // namespace
}  // namespace gauntlet::chaos
