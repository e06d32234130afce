#include "gauntlet/harness/clock.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace gauntlet {
namespace {

TEST(ManualClockTest, MovesOnlyWhenAdvanced) {
  ManualClock clock(100);
  EXPECT_EQ(clock.now_ns(), 100);
  clock.advance(50);
  EXPECT_EQ(clock.now_ns(), 150);
  clock.advance(std::chrono::milliseconds(2));
  EXPECT_EQ(clock.now_ns(), 150 + 2 * kNanosPerMilli);
}

TEST(ManualClockTest, NeverGoesBack) {
  ManualClock clock(1000);
  clock.advance(-10);
  EXPECT_EQ(clock.now_ns(), 1000);
  clock.set(500);
  EXPECT_EQ(clock.now_ns(), 1000);
  clock.set(2000);
  EXPECT_EQ(clock.now_ns(), 2000);
}

TEST(ManualClockTest, ConcurrentAdvancesAreNotLost) {
  ManualClock clock;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 10000; ++i) clock.advance(1);
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(clock.now_ns(), 40000);
}

TEST(RealClockTest, IsMonotonic) {
  Clock& clock = RealClock::instance();
  Nanos prev = clock.now_ns();
  for (int i = 0; i < 1000; ++i) {
    Nanos now = clock.now_ns();
    ASSERT_GE(now, prev);
    prev = now;
  }
  EXPECT_GT(clock.wall_ns(), Nanos{1'600'000'000} * kNanosPerSecond);  // after 2020
}

}  // namespace
}  // namespace gauntlet
