#include "gauntlet/chaos/scenarios/builtin.h"

#include <gtest/gtest.h>

#include "gauntlet/chaos/chaos_test.h"
#include "gauntlet/chaos/journal.h"

namespace gauntlet::chaos {

void PrintTo(const BuiltinInfo& info, std::ostream* os) { *os << info.name << " on " << info.broken_variant; }

namespace {

// Healthy direction: each built-in passes on the healthy chain.
GAUNTLET_CHAOS_TEST(BuiltinScenario, GradualFailure) { return builtin_scenario("gradual_failure"); }
GAUNTLET_CHAOS_TEST(BuiltinScenario, TransientOutage) { return builtin_scenario("transient_outage"); }
GAUNTLET_CHAOS_TEST(BuiltinScenario, ConcurrentLoad) { return builtin_scenario("concurrent_load"); }
GAUNTLET_CHAOS_TEST(BuiltinScenario, CascadingFailure) { return builtin_scenario("cascading_failure"); }
GAUNTLET_CHAOS_TEST(BuiltinScenario, LatencySpike) { return builtin_scenario("latency_spike"); }
GAUNTLET_CHAOS_TEST(BuiltinScenario, BreakerTransitions) { return builtin_scenario("breaker_transitions"); }
GAUNTLET_CHAOS_TEST(BuiltinScenario, ConcurrentMetrics) { return builtin_scenario("concurrent_metrics"); }

// Broken direction: each fails on its broken chain, on the hypothesis it is about.
class BrokenFixtureTest : public ::testing::TestWithParam<BuiltinInfo> {};

TEST_P(BrokenFixtureTest, FailsOnTheRightHypothesis) {
  const BuiltinInfo& info = GetParam();
  auto scenario = builtin_scenario(info.name, info.broken_variant);
  ASSERT_TRUE(scenario);
  RunOptions options;
  options.mode = info.default_mode;
  auto run = run_scenario(*scenario, options);
  ASSERT_TRUE(run) << run.error().to_string();
  EXPECT_FALSE(run->passed());
  bool found = false;
  for (const auto& v : run->verdicts) {
    if (v.hypothesis.find(info.broken_hypothesis) == std::string::npos) continue;
    found = true;
    EXPECT_FALSE(v.holds) << v.hypothesis << ": " << v.evidence;
  }
  EXPECT_TRUE(found) << "no hypothesis matches '" << info.broken_hypothesis << "'";
  // Conservation is about the harness, not the fixture: it holds everywhere.
  for (const auto& v : run->verdicts) {
    if (v.hypothesis.starts_with("issued ==")) {
      EXPECT_TRUE(v.holds) << v.evidence;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Builtins, BrokenFixtureTest, ::testing::ValuesIn(builtin_scenarios()),
                         [](const auto& p) { return p.param.name; });

TEST(BuiltinScenarioTest, SixtySecondScenarioReplaysByteForByte) {
  auto scenario = builtin_scenario("gradual_failure");
  ASSERT_TRUE(scenario);
  ASSERT_EQ(scenario->duration, 60 * kNanosPerSecond);
  RunOptions options;
  options.seed = 2024;
  auto a = run_scenario(*scenario, options);
  auto b = run_scenario(*scenario, options);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(journal_json(*scenario, *a), journal_json(*scenario, *b));
}

TEST(BuiltinScenarioTest, UnknownNamesAreNotFound) {
  EXPECT_EQ(builtin_scenario("nope").error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(builtin_scenario("transient_outage", "sideways").error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(bundled_target("redis").error().code(), ErrorCode::kNotFound);
  EXPECT_TRUE(bundled_target("service_chain/no_breaker"));
  EXPECT_EQ(builtin_scenarios().size(), 7u);
}

}  // namespace
}  // namespace gauntlet::chaos
