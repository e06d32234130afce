// resilience4j's CircuitBreakerStateMachine behaviours for the failure-rate
// policy, driven by a ManualClock.
#include "gauntlet/harness/breaker/circuit_breaker.h"
#include "recording_listener.h"

#include <gtest/gtest.h>

namespace gauntlet::breaker {
namespace {

using testing::make_breaker;
using testing::record;
using testing::RecordingListener;

constexpr Nanos kWait = 5 * kNanosPerSecond;

BreakerConfig rate_config(int window, int minimum) {
  BreakerConfig config;
  config.window_size = window;
  config.minimum_calls = minimum;
  config.failure_rate_threshold = 50.0;
  config.wait_in_open = kWait;
  config.permitted_calls_in_half_open = 3;
  return config;
}

TEST(FailureRateTest, OpensAtTheThresholdOnceMinimumCallsAreRecorded) {
  ManualClock clock;
  auto breaker = make_breaker(rate_config(5, 5), clock);
  RecordingListener listener(*breaker);
  ASSERT_TRUE(record(*breaker, false));
  ASSERT_TRUE(record(*breaker, false));
  ASSERT_TRUE(record(*breaker, true));
  ASSERT_TRUE(record(*breaker, false));  // 3 of 4 failed, but fewer than 5 calls
  EXPECT_EQ(breaker->state(), State::kClosed);
  EXPECT_EQ(breaker->stats().failure_rate, -1.0);
  ASSERT_TRUE(record(*breaker, true));  // 3 of 5 = 60 %
  EXPECT_EQ(breaker->state(), State::kOpen);
  auto events = listener.events();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].from, State::kClosed);
  EXPECT_EQ(events[0].to, State::kOpen);
  EXPECT_EQ(events[0].reason, TransitionReason::kFailureRateExceeded);
  EXPECT_DOUBLE_EQ(events[0].failure_rate, 60.0);
}

TEST(FailureRateTest, DoesNotOpenBeforeMinimumCallsEvenWhenAllFail) {
  ManualClock clock;
  auto breaker = make_breaker(rate_config(20, 10), clock);
  for (int i = 0; i < 9; ++i) ASSERT_TRUE(record(*breaker, false));
  EXPECT_EQ(breaker->state(), State::kClosed);
  ASSERT_TRUE(record(*breaker, false));
  EXPECT_EQ(breaker->state(), State::kOpen);
}

TEST(FailureRateTest, StaysClosedBelowThresholdAndOpensExactlyAtIt) {
  ManualClock clock;
  auto breaker = make_breaker(rate_config(4, 4), clock);
  ASSERT_TRUE(record(*breaker, false));
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(record(*breaker, true));
  EXPECT_EQ(breaker->state(), State::kClosed);
  EXPECT_DOUBLE_EQ(breaker->stats().failure_rate, 25.0);
  ASSERT_TRUE(record(*breaker, false));  // window: S S S F = 25 %
  EXPECT_EQ(breaker->state(), State::kClosed);
  ASSERT_TRUE(record(*breaker, false));  // window: S S F F = 50 % (at the threshold)
  EXPECT_EQ(breaker->state(), State::kOpen);
}

TEST(FailureRateTest, CountWindowForgetsCallsOlderThanItsSize) {
  ManualClock clock;
  auto breaker = make_breaker(rate_config(4, 4), clock);
  ASSERT_TRUE(record(*breaker, false));
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(record(*breaker, true));  // the failure left: S S S S
  BreakerStats stats = breaker->stats();
  EXPECT_EQ(stats.window_calls, 4u);
  EXPECT_DOUBLE_EQ(stats.failure_rate, 0.0);
  EXPECT_EQ(stats.failures, 1u);
  EXPECT_EQ(stats.successes, 4u);
  ASSERT_TRUE(record(*breaker, false));
  ASSERT_TRUE(record(*breaker, false));  // S S F F = 50 %; counting the first failure: 3 of 7
  EXPECT_EQ(breaker->state(), State::kOpen);
}

TEST(FailureRateTest, MinimumCallsAreCappedAtTheCountWindowSize) {
  ManualClock clock;
  auto breaker = make_breaker(rate_config(4, 100), clock);
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(record(*breaker, false));
  EXPECT_EQ(breaker->state(), State::kClosed);
  ASSERT_TRUE(record(*breaker, false));
  EXPECT_EQ(breaker->state(), State::kOpen);
}

TEST(FailureRateTest, RejectsDuringTheWaitWithoutCountingFailures) {
  ManualClock clock;
  auto breaker = make_breaker(rate_config(2, 2), clock);
  ASSERT_TRUE(record(*breaker, false));
  ASSERT_TRUE(record(*breaker, false));
  ASSERT_EQ(breaker->state(), State::kOpen);
  clock.advance(kWait - 1);
  for (int i = 0; i < 7; ++i) {
    Permit permit = breaker->try_acquire();
    EXPECT_FALSE(permit);
    EXPECT_EQ(permit.state(), State::kOpen);
  }
  BreakerStats stats = breaker->stats();
  EXPECT_EQ(stats.state, State::kOpen);
  EXPECT_EQ(stats.rejected, 7u);
  EXPECT_EQ(stats.failures, 2u);
  EXPECT_EQ(stats.attempted(), 9u);
}

TEST(FailureRateTest, MovesToHalfOpenOnTheFirstCallAfterTheWait) {
  ManualClock clock;
  auto breaker = make_breaker(rate_config(2, 2), clock);
  RecordingListener listener(*breaker);
  ASSERT_TRUE(record(*breaker, false));
  ASSERT_TRUE(record(*breaker, false));
  clock.advance(kWait);
  EXPECT_EQ(breaker->poll(), State::kOpen);  // not automatic: only a call moves it
  Permit permit = breaker->try_acquire();
  ASSERT_TRUE(permit);
  EXPECT_EQ(permit.state(), State::kHalfOpen);
  EXPECT_EQ(breaker->state(), State::kHalfOpen);
  auto events = listener.events();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[1].from, State::kOpen);
  EXPECT_EQ(events[1].to, State::kHalfOpen);
  EXPECT_EQ(events[1].reason, TransitionReason::kWaitElapsed);
  EXPECT_EQ(events[1].at_ns, kWait);
}

TEST(FailureRateTest, HalfOpenAdmitsOnlyItsPermittedCalls) {
  ManualClock clock;
  auto breaker = make_breaker(rate_config(2, 2), clock);
  ASSERT_TRUE(breaker->transition_to_half_open());
  Permit a = breaker->try_acquire(), b = breaker->try_acquire(), c = breaker->try_acquire();
  EXPECT_TRUE(a && b && c);
  Permit d = breaker->try_acquire();
  EXPECT_FALSE(d);
  EXPECT_EQ(d.state(), State::kHalfOpen);
  EXPECT_EQ(breaker->stats().rejected, 1u);
}

TEST(FailureRateTest, ClosesWhenProbesSucceedAndReportsTheRecoveryTime) {
  ManualClock clock(1000);
  auto breaker = make_breaker(rate_config(2, 2), clock);
  RecordingListener listener(*breaker);
  ASSERT_TRUE(record(*breaker, false));
  ASSERT_TRUE(record(*breaker, false));  // OPEN at t = 1000
  clock.advance(kWait);
  ASSERT_TRUE(record(*breaker, true));
  ASSERT_TRUE(record(*breaker, false));
  EXPECT_EQ(breaker->state(), State::kHalfOpen);
  clock.advance(250 * kNanosPerMilli);
  ASSERT_TRUE(record(*breaker, true));  // 1 of 3 failed: 33 % < 50 %
  EXPECT_EQ(breaker->state(), State::kClosed);
  const Nanos expected = kWait + 250 * kNanosPerMilli;
  EXPECT_EQ(breaker->last_recovery_ns(), expected);
  auto events = listener.events();
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[2].reason, TransitionReason::kProbesSucceeded);
  EXPECT_EQ(events[2].recovery_ns, expected);
  BreakerStats stats = breaker->stats();
  EXPECT_EQ(stats.recoveries, 1u);
  EXPECT_EQ(stats.max_recovery_ns, expected);
}

TEST(FailureRateTest, ReopensWhenProbesFailWithTheNextBackoffWait) {
  ManualClock clock;
  BreakerConfig config = rate_config(2, 2);
  config.wait_function = exponential_backoff(kNanosPerSecond, 2.0, 60 * kNanosPerSecond);
  auto breaker = make_breaker(config, clock);
  ASSERT_TRUE(record(*breaker, false));
  ASSERT_TRUE(record(*breaker, false));
  clock.advance(kNanosPerSecond);  // attempt 1 waits 1 s
  ASSERT_TRUE(record(*breaker, false));
  ASSERT_TRUE(record(*breaker, false));
  ASSERT_TRUE(record(*breaker, true));  // 2 of 3 failed
  EXPECT_EQ(breaker->state(), State::kOpen);
  clock.advance(2 * kNanosPerSecond - 1);  // attempt 2 waits 2 s
  EXPECT_FALSE(breaker->try_acquire());
  clock.advance(1);
  EXPECT_TRUE(breaker->try_acquire());
  EXPECT_EQ(breaker->state(), State::kHalfOpen);
}

TEST(FailureRateTest, ReleasedOrIgnoredProbesAreAdmittedAgain) {
  ManualClock clock;
  BreakerConfig config = rate_config(2, 2);
  config.permitted_calls_in_half_open = 1;
  auto breaker = make_breaker(config, clock);
  ASSERT_TRUE(breaker->transition_to_half_open());
  {
    Permit lost = breaker->try_acquire();
    ASSERT_TRUE(lost);
    EXPECT_FALSE(breaker->try_acquire());
  }  // destroyed without an outcome
  Permit ignored = breaker->try_acquire();
  ASSERT_TRUE(ignored);
  ignored.record_ignored();
  Permit probe = breaker->try_acquire();
  ASSERT_TRUE(probe);
  probe.record_success();
  EXPECT_EQ(breaker->state(), State::kClosed);
  BreakerStats stats = breaker->stats();
  EXPECT_EQ(stats.released, 1u);
  EXPECT_EQ(stats.ignored, 1u);
  EXPECT_EQ(stats.successes, 1u);
  EXPECT_EQ(stats.failures, 0u);
}

TEST(FailureRateTest, HalfOpenReopensAfterItsMaximumWait) {
  ManualClock clock;
  BreakerConfig config = rate_config(2, 2);
  config.max_wait_in_half_open = kNanosPerSecond;
  auto breaker = make_breaker(config, clock);
  RecordingListener listener(*breaker);
  ASSERT_TRUE(breaker->transition_to_half_open());
  Permit late = breaker->try_acquire();
  ASSERT_TRUE(late);
  clock.advance(kNanosPerSecond - 1);
  EXPECT_EQ(breaker->poll(), State::kHalfOpen);
  clock.advance(1);
  EXPECT_EQ(breaker->poll(), State::kOpen);
  late.record_success();  // from the expired entry: stale
  EXPECT_EQ(breaker->state(), State::kOpen);
  EXPECT_EQ(breaker->stats().stale, 1u);
  auto events = listener.events();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[1].reason, TransitionReason::kHalfOpenTimeout);
}

TEST(FailureRateTest, AutomaticTransitionHappensOnPollWithoutCalls) {
  ManualClock clock;
  BreakerConfig config = rate_config(2, 2);
  config.automatic_transition_from_open_to_half_open = true;
  auto breaker = make_breaker(config, clock);
  ASSERT_TRUE(breaker->transition_to_open());
  clock.advance(kWait - 1);
  EXPECT_EQ(breaker->poll(), State::kOpen);
  clock.advance(1);
  EXPECT_EQ(breaker->poll(), State::kHalfOpen);
}

TEST(FailureRateTest, TimeWindowForgetsCallsOlderThanItsSeconds) {
  ManualClock clock;
  BreakerConfig config = rate_config(10, 3);
  config.window_type = SlidingWindowType::kTimeBased;
  auto breaker = make_breaker(config, clock);
  ASSERT_TRUE(record(*breaker, false));
  clock.advance(kNanosPerSecond);
  ASSERT_TRUE(record(*breaker, true));  // 1 of 2: below minimum calls
  clock.advance(9 * kNanosPerSecond);   // t = 10 s: the window is seconds 1..10
  ASSERT_TRUE(record(*breaker, true));
  ASSERT_TRUE(record(*breaker, false));  // S S F = 33 % (with the t = 0 failure it would be 50 %)
  EXPECT_EQ(breaker->state(), State::kClosed);
  EXPECT_EQ(breaker->stats().window_calls, 3u);
  ASSERT_TRUE(record(*breaker, false));  // S S F F = 50 %
  EXPECT_EQ(breaker->state(), State::kOpen);
}

}  // namespace
}  // namespace gauntlet::breaker
