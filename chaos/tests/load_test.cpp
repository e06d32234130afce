#include "gauntlet/chaos/load.h"

#include <gtest/gtest.h>

#include "gauntlet/harness/testing/status_matchers.h"

namespace gauntlet::chaos {
namespace {

constexpr Nanos kS = kNanosPerSecond;

TEST(LoadPatternTest, ShapesGiveTheirRates) {
  EXPECT_DOUBLE_EQ(LoadPattern::constant(50).rate_at(123 * kS), 50);
  auto stepped = LoadPattern::stepped(10, 5, 2 * kS);
  EXPECT_DOUBLE_EQ(stepped.rate_at(0), 10);
  EXPECT_DOUBLE_EQ(stepped.rate_at(2 * kS - 1), 10);
  EXPECT_DOUBLE_EQ(stepped.rate_at(5 * kS), 20);
  auto spike = LoadPattern::spike(10, 100, 3 * kS, kS);
  EXPECT_DOUBLE_EQ(spike.rate_at(3 * kS), 100);
  EXPECT_DOUBLE_EQ(spike.rate_at(4 * kS), 10);
  auto wave = LoadPattern::wave(100, 50, 4 * kS);
  EXPECT_NEAR(wave.rate_at(kS), 150, 1e-9);
  EXPECT_NEAR(wave.rate_at(3 * kS), 50, 1e-9);
  EXPECT_DOUBLE_EQ(LoadPattern::wave(10, 50, 4 * kS).rate_at(3 * kS), 0);  // never negative
}

TEST(LoadPatternTest, ValidationRejectsBadValues) {
  EXPECT_TRUE(LoadPattern::constant(1).validate());
  EXPECT_THAT(LoadPattern::constant(-1).validate(), matchers::StatusIs(ErrorCode::kInvalidArgument));
  EXPECT_FALSE(LoadPattern::stepped(1, 1, 0).validate());
}

}  // namespace
}  // namespace gauntlet::chaos
