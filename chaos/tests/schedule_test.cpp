#include "gauntlet/chaos/schedule.h"

#include <gtest/gtest.h>

namespace gauntlet::chaos {
namespace {

constexpr Nanos kS = kNanosPerSecond;

TEST(ScheduleTest, RampRisesLinearlyThenHolds) {
  auto s = FaultSchedule::ramp("c", 10 * kS, 10 * kS, 0.4, 30 * kS);
  EXPECT_DOUBLE_EQ(s.effect_at("c", 9 * kS).error_rate, 0.0);
  EXPECT_DOUBLE_EQ(s.effect_at("c", 10 * kS).error_rate, 0.0);
  EXPECT_NEAR(s.effect_at("c", 15 * kS).error_rate, 0.2, 1e-12);
  EXPECT_NEAR(s.effect_at("c", 25 * kS).error_rate, 0.4, 1e-12);
  EXPECT_DOUBLE_EQ(s.effect_at("c", 30 * kS).error_rate, 0.0);
  EXPECT_DOUBLE_EQ(s.effect_at("b", 15 * kS).error_rate, 0.0);
}

TEST(ScheduleTest, WindowIsHalfOpenAndSpikeAddsLatency) {
  auto s = FaultSchedule::window("c", 2 * kS, 4 * kS) + FaultSchedule::spike("b", 3 * kS, kS, 450 * kNanosPerMilli);
  EXPECT_FALSE(s.effect_at("c", 2 * kS - 1).active());
  EXPECT_DOUBLE_EQ(s.effect_at("c", 2 * kS).error_rate, 1.0);
  EXPECT_FALSE(s.effect_at("c", 4 * kS).active());
  EXPECT_EQ(s.effect_at("b", 3500 * kNanosPerMilli).latency_ns, 450 * kNanosPerMilli);
  EXPECT_EQ(s.points(), (std::vector<std::string>{"b", "c"}));
  EXPECT_EQ(s.first_start(), 2 * kS);
  EXPECT_EQ(s.last_end(), 4 * kS);
}

TEST(ScheduleTest, OverlapsCombineIndependently) {
  auto s = FaultSchedule::window("c", 0, kS, 0.5) + FaultSchedule::window("c", 0, kS, 0.5) +
           FaultSchedule::spike("c", 0, kS, 10) + FaultSchedule::spike("c", 0, kS, 20);
  EXPECT_DOUBLE_EQ(s.effect_at("c", 1).error_rate, 0.75);
  EXPECT_EQ(s.effect_at("c", 1).latency_ns, 30);
}

TEST(ScheduleTest, CascadeIsAnOutageThatNamesItsObservers) {
  auto s = FaultSchedule::cascade("c", kS, 2 * kS, {"b", "a"});
  ASSERT_EQ(s.faults().size(), 1u);
  EXPECT_EQ(s.faults()[0].label, "cascade");
  EXPECT_EQ(s.faults()[0].observed_at, (std::vector<std::string>{"b", "a"}));
  EXPECT_DOUBLE_EQ(s.effect_at("c", 2 * kS).error_rate, 1.0);
}

TEST(ScheduleTest, ProgramForAnEffectIsAnErrorTermThenADelay) {
  FaultProgram p = program_for({0.25, 40 * kNanosPerMilli});
  EXPECT_EQ(p.to_spec(), "25%return(injected)->delay(40)");
  EXPECT_TRUE(program_for({}).terms.empty());
}

}  // namespace
}  // namespace gauntlet::chaos
