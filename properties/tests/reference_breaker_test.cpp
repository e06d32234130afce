#include "gauntlet/properties/breaker/reference_breaker.h"

#include <gtest/gtest.h>

namespace gauntlet::properties::breaker {
namespace {

void fail_once(ReferenceBreaker& b, Nanos now) {
  auto p = b.try_acquire(now);
  ASSERT_TRUE(p.has_value());
  b.complete(*p, CallOutcome::kFailure, now);
}

TEST(ReferenceBreakerTest, ConsecutiveOpensAtThresholdAndSuccessResets) {
  BreakerConfig c;
  c.failure_threshold = 3;
  ReferenceBreaker b(c);
  fail_once(b, 0);
  fail_once(b, 0);
  auto ok = b.try_acquire(0);
  b.complete(*ok, CallOutcome::kSuccess, 0);
  fail_once(b, 0);
  fail_once(b, 0);
  EXPECT_EQ(b.state(), BreakerState::kClosed);
  fail_once(b, 0);
  EXPECT_EQ(b.state(), BreakerState::kOpen);
  EXPECT_FALSE(b.try_acquire(c.open_wait - 1).has_value());
  EXPECT_TRUE(b.accepts_state(BreakerState::kHalfOpen, c.open_wait));
  EXPECT_FALSE(b.accepts_state(BreakerState::kHalfOpen, c.open_wait - 1));
  EXPECT_EQ(b.counts(), (BreakerCounts{7, 6, 1, 5}));
}

TEST(ReferenceBreakerTest, HalfOpenAdmitsKThenClosesOnSuccesses) {
  BreakerConfig c;
  c.failure_threshold = 1;
  c.half_open_permits = 2;
  ReferenceBreaker b(c);
  fail_once(b, 0);
  auto p1 = b.try_acquire(c.open_wait);
  auto p2 = b.try_acquire(c.open_wait);
  EXPECT_EQ(b.state(), BreakerState::kHalfOpen);
  EXPECT_FALSE(b.try_acquire(c.open_wait).has_value());
  b.complete(*p1, CallOutcome::kSuccess, c.open_wait);
  EXPECT_EQ(b.state(), BreakerState::kHalfOpen);
  b.complete(*p2, CallOutcome::kSuccess, c.open_wait);
  EXPECT_EQ(b.state(), BreakerState::kClosed);
}

TEST(ReferenceBreakerTest, StaleResultIsIgnored) {
  BreakerConfig c;
  c.failure_threshold = 1;
  ReferenceBreaker b(c);
  auto stale = b.try_acquire(0);
  fail_once(b, 0);
  const auto generation = b.generation();
  b.complete(*stale, CallOutcome::kSuccess, 0);
  EXPECT_EQ(b.state(), BreakerState::kOpen);
  EXPECT_EQ(b.generation(), generation);
  b.complete(*stale, CallOutcome::kFailure, 0);
  EXPECT_EQ(b.counts().failures, 2);  // reported, but never judged
  EXPECT_EQ(b.state(), BreakerState::kOpen);
}

TEST(ReferenceBreakerTest, RateModeWaitsForMinimumCallsAndSlides) {
  BreakerConfig c;
  c.mode = BreakerMode::kRate;
  c.window_size = 4;
  c.minimum_calls = 3;
  c.failure_rate_threshold = 50;
  ReferenceBreaker b(c);
  auto ok = [&] {
    auto p = b.try_acquire(0);
    b.complete(*p, CallOutcome::kSuccess, 0);
  };
  fail_once(b, 0);
  EXPECT_EQ(b.state(), BreakerState::kClosed);  // 1 call < minimum
  ok();
  EXPECT_EQ(b.state(), BreakerState::kClosed);  // 2 calls < minimum
  ok();
  EXPECT_EQ(b.state(), BreakerState::kClosed);  // 1/3 < 50%
  ok();
  ok();  // window now S S S S: the failure slid out
  fail_once(b, 0);
  EXPECT_EQ(b.state(), BreakerState::kClosed);  // 1/4
  fail_once(b, 0);
  EXPECT_EQ(b.state(), BreakerState::kOpen);  // 2/4 = 50%
}

TEST(ReferenceBreakerTest, SlowCallsTripTheSlowRate) {
  BreakerConfig c;
  c.mode = BreakerMode::kRate;
  c.window_size = 2;
  c.minimum_calls = 2;
  c.failure_rate_threshold = 100;
  c.slow_rate_threshold = 100;
  ReferenceBreaker b(c);
  for (int i = 0; i < 2; ++i) {
    auto p = b.try_acquire(0);
    b.complete(*p, CallOutcome::kSuccess, c.slow_call_duration);
  }
  EXPECT_EQ(b.state(), BreakerState::kOpen);
}

}  // namespace
}  // namespace gauntlet::properties::breaker
