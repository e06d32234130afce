#include "gauntlet/harness/breaker/config.h"

#include <gtest/gtest.h>

#include "gauntlet/harness/testing/status_matchers.h"

namespace gauntlet::breaker {
namespace {

TEST(BreakerConfigTest, DefaultsAreValidAndMatchResilience4j) {
  BreakerConfig config;
  EXPECT_TRUE(config.validate().ok());
  EXPECT_EQ(config.failure_rate_threshold, 50.0);
  EXPECT_EQ(config.slow_call_rate_threshold, 100.0);
  EXPECT_EQ(config.slow_call_duration, 60 * kNanosPerSecond);
  EXPECT_EQ(config.window_size, 100);
  EXPECT_EQ(config.minimum_calls, 100);
  EXPECT_EQ(config.permitted_calls_in_half_open, 10);
  EXPECT_EQ(config.wait_in_open, 60 * kNanosPerSecond);
  EXPECT_FALSE(config.automatic_transition_from_open_to_half_open);
}

TEST(BreakerConfigTest, ConsecutiveFactoryMatchesSeed001) {
  BreakerConfig config = BreakerConfig::consecutive(5, 2, 60 * kNanosPerSecond);
  EXPECT_TRUE(config.validate().ok());
  EXPECT_EQ(config.policy, TripPolicy::kConsecutiveFailures);
  EXPECT_EQ(config.consecutive_failures_to_open, 5);
  EXPECT_EQ(config.consecutive_successes_to_close, 2);
  EXPECT_EQ(config.permitted_calls_in_half_open, 2);
  EXPECT_EQ(config.wait_for_attempt(1), 60 * kNanosPerSecond);
}

struct InvalidCase {
  const char* field;
  void (*mutate)(BreakerConfig&);
};

class BreakerConfigInvalidTest : public ::testing::TestWithParam<InvalidCase> {};

TEST_P(BreakerConfigInvalidTest, NamesTheField) {
  BreakerConfig config;
  GetParam().mutate(config);
  Status status = config.validate();
  EXPECT_THAT(status, matchers::StatusIs(ErrorCode::kInvalidArgument, ::testing::HasSubstr(GetParam().field)));
}

INSTANTIATE_TEST_SUITE_P(
    Fields, BreakerConfigInvalidTest,
    ::testing::Values(
        InvalidCase{"failure_rate_threshold", [](BreakerConfig& c) { c.failure_rate_threshold = 0; }},
        InvalidCase{"failure_rate_threshold", [](BreakerConfig& c) { c.failure_rate_threshold = 100.5; }},
        InvalidCase{"slow_call_rate_threshold", [](BreakerConfig& c) { c.slow_call_rate_threshold = -1; }},
        InvalidCase{"slow_call_duration", [](BreakerConfig& c) { c.slow_call_duration = 0; }},
        InvalidCase{"window_size", [](BreakerConfig& c) { c.window_size = 0; }},
        InvalidCase{"minimum_calls", [](BreakerConfig& c) { c.minimum_calls = 0; }},
        InvalidCase{"wait_in_open", [](BreakerConfig& c) { c.wait_in_open = 0; }},
        InvalidCase{"permitted_calls_in_half_open", [](BreakerConfig& c) { c.permitted_calls_in_half_open = 0; }},
        InvalidCase{"max_wait_in_half_open", [](BreakerConfig& c) { c.max_wait_in_half_open = -1; }},
        InvalidCase{"consecutive_failures_to_open",
                    [](BreakerConfig& c) { c = BreakerConfig::consecutive(0, 2, kNanosPerSecond); }},
        InvalidCase{"consecutive_successes_to_close",
                    [](BreakerConfig& c) { c = BreakerConfig::consecutive(5, 0, kNanosPerSecond); }},
        InvalidCase{"permitted_calls_in_half_open", [](BreakerConfig& c) {
                      c = BreakerConfig::consecutive(5, 3, kNanosPerSecond);
                      c.permitted_calls_in_half_open = 2;
                    }}));

TEST(BreakerConfigTest, WaitFunctionOverridesFixedWait) {
  BreakerConfig config;
  config.wait_in_open = 0;  // unused when a function is given
  config.wait_function = exponential_backoff(kNanosPerSecond, 2.0, 5 * kNanosPerSecond);
  EXPECT_TRUE(config.validate().ok());
  EXPECT_EQ(config.wait_for_attempt(1), kNanosPerSecond);
  EXPECT_EQ(config.wait_for_attempt(2), 2 * kNanosPerSecond);
  EXPECT_EQ(config.wait_for_attempt(3), 4 * kNanosPerSecond);
  EXPECT_EQ(config.wait_for_attempt(4), 5 * kNanosPerSecond);
  EXPECT_EQ(config.wait_for_attempt(60), 5 * kNanosPerSecond);
}

}  // namespace
}  // namespace gauntlet::breaker
