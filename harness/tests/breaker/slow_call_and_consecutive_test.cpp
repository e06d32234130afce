// Slow-call judging and the consecutive-failures mode (seed 001: 5 / 2 / 60 s).
#include "gauntlet/harness/breaker/circuit_breaker.h"
#include "recording_listener.h"

#include <gtest/gtest.h>

namespace gauntlet::breaker {
namespace {

using testing::make_breaker;
using testing::record;
using testing::RecordingListener;

constexpr Nanos kSlow = kNanosPerSecond;

BreakerConfig slow_config() {
  BreakerConfig config;
  config.window_size = 4;
  config.minimum_calls = 4;
  config.slow_call_duration = kSlow;
  config.slow_call_rate_threshold = 50.0;
  config.permitted_calls_in_half_open = 2;
  config.wait_in_open = kNanosPerSecond;
  return config;
}

TEST(SlowCallTest, OpensWhenTheSlowCallRateReachesItsThreshold) {
  ManualClock clock;
  auto breaker = make_breaker(slow_config(), clock);
  RecordingListener listener(*breaker);
  ASSERT_TRUE(record(*breaker, true, kSlow - 1));  // just under: fast
  ASSERT_TRUE(record(*breaker, true, kSlow));      // at the duration: slow
  ASSERT_TRUE(record(*breaker, true, 0));
  EXPECT_EQ(breaker->state(), State::kClosed);
  ASSERT_TRUE(record(*breaker, true, 3 * kSlow));  // 2 of 4 slow
  EXPECT_EQ(breaker->state(), State::kOpen);
  auto events = listener.events();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].reason, TransitionReason::kSlowCallRateExceeded);
  EXPECT_DOUBLE_EQ(events[0].slow_call_rate, 50.0);
  EXPECT_DOUBLE_EQ(events[0].failure_rate, 0.0);
  BreakerStats stats = breaker->stats();
  EXPECT_EQ(stats.successes, 4u);
  EXPECT_EQ(stats.slow_successes, 2u);
  EXPECT_EQ(stats.failures, 0u);
}

TEST(SlowCallTest, SlowFailuresCountForBothRates) {
  ManualClock clock;
  BreakerConfig config = slow_config();
  config.failure_rate_threshold = 100.0;
  config.slow_call_rate_threshold = 100.0;
  auto breaker = make_breaker(config, clock);
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(record(*breaker, false, kSlow));
  ASSERT_TRUE(record(*breaker, true, kSlow));  // 75 % failed, 100 % slow
  EXPECT_EQ(breaker->state(), State::kOpen);
  BreakerStats stats = breaker->stats();
  EXPECT_EQ(stats.slow_failures, 3u);
  EXPECT_EQ(stats.slow_successes, 1u);
}

TEST(SlowCallTest, SlowProbesReopenFromHalfOpen) {
  ManualClock clock;
  auto breaker = make_breaker(slow_config(), clock);
  ASSERT_TRUE(breaker->transition_to_half_open());
  ASSERT_TRUE(record(*breaker, true, kSlow));
  ASSERT_TRUE(record(*breaker, true, 0));  // 1 of 2 slow = 50 %
  EXPECT_EQ(breaker->state(), State::kOpen);
}

TEST(ConsecutiveTest, FiveFailuresInARowOpenAndASuccessResetsTheRun) {
  ManualClock clock;
  auto breaker = make_breaker(BreakerConfig::consecutive(5, 2, 60 * kNanosPerSecond), clock);
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(record(*breaker, false));
  ASSERT_TRUE(record(*breaker, true));
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(record(*breaker, false));
  EXPECT_EQ(breaker->state(), State::kClosed);
  ASSERT_TRUE(record(*breaker, false));
  EXPECT_EQ(breaker->state(), State::kOpen);
}

TEST(ConsecutiveTest, SlownessIsNotJudged) {
  ManualClock clock;
  auto breaker = make_breaker(BreakerConfig::consecutive(1, 1, kNanosPerSecond), clock);
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(record(*breaker, true, 1000 * kNanosPerSecond));
  EXPECT_EQ(breaker->state(), State::kClosed);
  EXPECT_EQ(breaker->stats().slow_successes, 0u);
}

TEST(ConsecutiveTest, Seed001RecoversAfterTheWaitAndTwoSuccesses) {
  ManualClock clock;
  auto breaker = make_breaker(BreakerConfig::consecutive(5, 2, 60 * kNanosPerSecond), clock);
  RecordingListener listener(*breaker);
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(record(*breaker, false));
  clock.advance(59 * kNanosPerSecond);
  EXPECT_FALSE(breaker->try_acquire());
  clock.advance(kNanosPerSecond);
  ASSERT_TRUE(record(*breaker, true));
  EXPECT_EQ(breaker->state(), State::kHalfOpen);
  clock.advance(1500 * kNanosPerMilli);
  ASSERT_TRUE(record(*breaker, true));
  EXPECT_EQ(breaker->state(), State::kClosed);
  const Nanos recovery = 61'500 * kNanosPerMilli;
  EXPECT_EQ(breaker->last_recovery_ns(), recovery);
  // Seed 001's 2.0 s recovery SLA cannot hold with a 60 s wait: the
  // measurement is what lets a scenario say so.
  EXPECT_GT(to_seconds(*breaker->last_recovery_ns()), 2.0);
  auto events = listener.events();
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].reason, TransitionReason::kConsecutiveFailures);
  EXPECT_EQ(events[2].recovery_ns, recovery);
}

TEST(ConsecutiveTest, AFailedProbeReopensAtOnce) {
  ManualClock clock;
  auto breaker = make_breaker(BreakerConfig::consecutive(5, 2, kNanosPerSecond), clock);
  ASSERT_TRUE(breaker->transition_to_half_open());
  ASSERT_TRUE(record(*breaker, true));
  Permit other = breaker->try_acquire();
  ASSERT_TRUE(other);
  EXPECT_FALSE(breaker->try_acquire());  // both probes out
  other.record_failure();
  EXPECT_EQ(breaker->state(), State::kOpen);
}

TEST(ConsecutiveTest, RecoveryIsMeasuredFromTheFirstOpeningOfTheOutage) {
  ManualClock clock;
  auto breaker = make_breaker(BreakerConfig::consecutive(1, 1, kNanosPerSecond), clock);
  ASSERT_TRUE(record(*breaker, false));  // OPEN at 0
  clock.advance(kNanosPerSecond);
  ASSERT_TRUE(record(*breaker, false));  // probe fails: OPEN again at 1 s
  clock.advance(kNanosPerSecond);
  ASSERT_TRUE(record(*breaker, true));  // CLOSED at 2 s
  EXPECT_EQ(breaker->state(), State::kClosed);
  EXPECT_EQ(breaker->last_recovery_ns(), 2 * kNanosPerSecond);
}

}  // namespace
}  // namespace gauntlet::breaker
