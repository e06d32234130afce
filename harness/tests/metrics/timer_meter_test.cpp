#include "gauntlet/harness/metrics/meter.h"
#include "gauntlet/harness/metrics/timer.h"

#include <gtest/gtest.h>

#include <cmath>

namespace gauntlet::metrics {
namespace {

TEST(TimerTest, RecordsElapsedClockTimeOnScopeExit) {
  ManualClock clock(1000);
  Histogram h;
  {
    Timer t(h, clock);
    clock.advance(250);
    EXPECT_EQ(t.elapsed(), 250);
  }
  HistogramSnapshot s = h.snapshot();
  ASSERT_EQ(s.count, 1u);
  EXPECT_EQ(s.sum, 250.0);
}

TEST(TimerTest, StopRecordsOnce) {
  ManualClock clock;
  Histogram h;
  {
    Timer t(h, clock);
    clock.advance(std::chrono::microseconds(3));
    EXPECT_EQ(t.stop(), 3000);
    clock.advance(1000);
    EXPECT_EQ(t.stop(), 3000);
    EXPECT_EQ(t.elapsed(), 3000);
  }
  HistogramSnapshot s = h.snapshot();
  EXPECT_EQ(s.count, 1u);
  EXPECT_EQ(s.max, 3000.0);
}

TEST(TimerTest, ZeroElapsedIsRecorded) {
  ManualClock clock;
  Histogram h;
  { Timer t(h, clock); }
  EXPECT_EQ(h.snapshot().count, 1u);
  EXPECT_EQ(h.snapshot().max, 0.0);
}

TEST(MeterTest, MeanRateOnTheClock) {
  ManualClock clock;
  Meter m(clock);
  EXPECT_EQ(m.mean_rate(), 0.0);
  m.mark(10);
  EXPECT_EQ(m.mean_rate(), 0.0);  // no time has passed
  clock.advance(2 * kNanosPerSecond);
  m.mark(10);
  EXPECT_EQ(m.count(), 20u);
  EXPECT_DOUBLE_EQ(m.mean_rate(), 10.0);
}

TEST(MeterTest, MovingAveragesStartAtFirstTickWithInstantRate) {
  ManualClock clock;
  Meter m(clock);
  m.mark(50);
  EXPECT_EQ(m.one_minute_rate(), 0.0);  // before the first tick
  clock.advance(Meter::kTickInterval);
  // 50 events in a 5 s interval: 10/s seeds every average.
  EXPECT_DOUBLE_EQ(m.one_minute_rate(), 10.0);
  EXPECT_DOUBLE_EQ(m.five_minute_rate(), 10.0);
  EXPECT_DOUBLE_EQ(m.fifteen_minute_rate(), 10.0);
}

TEST(MeterTest, MovingAveragesDecayLikeAnEwma) {
  ManualClock clock;
  Meter m(clock);
  m.mark(50);
  clock.advance(Meter::kTickInterval);
  ASSERT_DOUBLE_EQ(m.one_minute_rate(), 10.0);
  // One minute of silence: 12 ticks, each multiplying by exp(-5/window).
  clock.advance(60 * kNanosPerSecond);
  EXPECT_NEAR(m.one_minute_rate(), 10.0 * std::exp(-1.0), 1e-9);
  EXPECT_NEAR(m.five_minute_rate(), 10.0 * std::exp(-0.2), 1e-9);
  EXPECT_NEAR(m.fifteen_minute_rate(), 10.0 * std::exp(-60.0 / 900.0), 1e-9);
}

TEST(MeterTest, SteadyRateConvergesToThatRate) {
  ManualClock clock;
  Meter m(clock);
  // 100 events per second for 30 minutes, marked once a second.
  for (int s = 0; s < 1800; ++s) {
    m.mark(100);
    clock.advance(kNanosPerSecond);
  }
  EXPECT_NEAR(m.one_minute_rate(), 100.0, 1e-6);
  EXPECT_NEAR(m.five_minute_rate(), 100.0, 1e-3);
  EXPECT_NEAR(m.fifteen_minute_rate(), 100.0, 1.0);
  EXPECT_NEAR(m.mean_rate(), 100.0, 1e-9);
}

}  // namespace
}  // namespace gauntlet::metrics
