// Forced and disabled states, manual transitions, events, stale permits and
// the call() convenience.
#include "gauntlet/harness/breaker/circuit_breaker.h"
#include "recording_listener.h"

#include <gtest/gtest.h>

#include "gauntlet/harness/testing/status_matchers.h"

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>

namespace gauntlet::breaker {
namespace {

using testing::make_breaker;
using testing::record;
using testing::RecordingListener;

BreakerConfig small_config() {
  BreakerConfig config;
  config.window_size = 2;
  config.minimum_calls = 2;
  config.permitted_calls_in_half_open = 1;
  config.wait_in_open = kNanosPerSecond;
  return config;
}

TEST(ManualStatesTest, CreateRejectsAnInvalidConfigNamingTheBreaker) {
  BreakerConfig config;
  config.window_size = 0;
  auto created = CircuitBreaker::create("payments", config);
  EXPECT_THAT(created,
              matchers::StatusIs(ErrorCode::kInvalidArgument, ::testing::AllOf(::testing::HasSubstr("payments"),
                                                                               ::testing::HasSubstr("window_size"))));
}

TEST(ManualStatesTest, ForcedOpenRejectsEverythingUntilReleased) {
  ManualClock clock;
  auto breaker = make_breaker(small_config(), clock);
  ASSERT_TRUE(breaker->transition_to_forced_open());
  clock.advance(1000 * kNanosPerSecond);
  for (int i = 0; i < 3; ++i) {
    Permit permit = breaker->try_acquire();
    EXPECT_FALSE(permit);
    EXPECT_EQ(permit.state(), State::kForcedOpen);
  }
  EXPECT_EQ(breaker->poll(), State::kForcedOpen);
  EXPECT_EQ(breaker->stats().rejected, 3u);
  EXPECT_EQ(breaker->stats().failures, 0u);
  ASSERT_TRUE(breaker->transition_to_closed());
  EXPECT_TRUE(record(*breaker, true));
}

TEST(ManualStatesTest, DisabledAllowsEverythingAndJudgesNothing) {
  ManualClock clock;
  auto breaker = make_breaker(small_config(), clock);
  ASSERT_TRUE(breaker->transition_to_disabled());
  for (int i = 0; i < 10; ++i) {
    Permit permit = breaker->try_acquire();
    ASSERT_TRUE(permit);
    EXPECT_EQ(permit.state(), State::kDisabled);
    permit.record_failure();
  }
  EXPECT_EQ(breaker->state(), State::kDisabled);
  BreakerStats stats = breaker->stats();
  EXPECT_EQ(stats.failures, 10u);
  EXPECT_EQ(stats.permitted, 10u);
  EXPECT_EQ(stats.failure_rate, -1.0);
}

TEST(ManualStatesTest, TransitionToTheCurrentStateIsANoOp) {
  ManualClock clock;
  auto breaker = make_breaker(small_config(), clock);
  RecordingListener listener(*breaker);
  EXPECT_FALSE(breaker->transition_to_closed());
  EXPECT_TRUE(breaker->transition_to_open());
  EXPECT_FALSE(breaker->transition_to_open());
  EXPECT_EQ(listener.events().size(), 1u);
  EXPECT_EQ(breaker->generation(), 2u);
}

TEST(ManualStatesTest, EveryTransitionIsPublishedOnceInOrder) {
  ManualClock clock;
  auto breaker = make_breaker(small_config(), clock);
  RecordingListener first(*breaker);
  RecordingListener second(*breaker);
  ASSERT_TRUE(record(*breaker, false));
  ASSERT_TRUE(record(*breaker, false));  // CLOSED -> OPEN
  clock.advance(kNanosPerSecond);
  ASSERT_TRUE(record(*breaker, true));  // OPEN -> HALF_OPEN -> CLOSED
  ASSERT_TRUE(breaker->transition_to_disabled());
  ASSERT_TRUE(breaker->transition_to_forced_open());
  breaker->reset();
  const std::vector<std::pair<State, State>> expected = {
      {State::kClosed, State::kOpen},     {State::kOpen, State::kHalfOpen},       {State::kHalfOpen, State::kClosed},
      {State::kClosed, State::kDisabled}, {State::kDisabled, State::kForcedOpen}, {State::kForcedOpen, State::kClosed}};
  for (const RecordingListener* listener : {&first, &second}) {
    auto events = listener->events();
    ASSERT_EQ(events.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
      EXPECT_EQ(events[i].from, expected[i].first) << i;
      EXPECT_EQ(events[i].to, expected[i].second) << i;
      EXPECT_EQ(events[i].generation, i + 2) << i;
    }
    EXPECT_EQ(events.back().reason, TransitionReason::kReset);
  }
  EXPECT_EQ(breaker->stats().transitions, expected.size());
}

TEST(ManualStatesTest, RemovedListenersHearNothingMore) {
  ManualClock clock;
  auto breaker = make_breaker(small_config(), clock);
  int heard = 0;
  auto id = breaker->add_listener([&heard](const StateTransition&) { ++heard; });
  ASSERT_TRUE(breaker->transition_to_open());
  EXPECT_TRUE(breaker->remove_listener(id));
  EXPECT_FALSE(breaker->remove_listener(id));
  ASSERT_TRUE(breaker->transition_to_closed());
  EXPECT_EQ(heard, 1);
}

TEST(ManualStatesTest, AListenerMayRemoveItself) {
  ManualClock clock;
  auto breaker = make_breaker(small_config(), clock);
  int heard = 0;
  CircuitBreaker::ListenerId id = 0;
  id = breaker->add_listener([&](const StateTransition&) {
    ++heard;
    EXPECT_TRUE(breaker->remove_listener(id));
  });
  ASSERT_TRUE(breaker->transition_to_open());
  ASSERT_TRUE(breaker->transition_to_closed());
  EXPECT_EQ(heard, 1);
}

TEST(ManualStatesTest, RemoveListenerWaitsForADeliveryInProgress) {
  ManualClock clock;
  auto breaker = make_breaker(small_config(), clock);
  std::atomic<bool> entered{false}, release{false}, removed{false};
  auto id = breaker->add_listener([&](const StateTransition&) {
    entered = true;
    while (!release) std::this_thread::yield();
  });
  std::thread transition([&] { breaker->transition_to_open(); });
  while (!entered) std::this_thread::yield();
  std::thread remover([&] {
    EXPECT_TRUE(breaker->remove_listener(id));
    removed = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_FALSE(removed.load()) << "remove_listener returned while its listener was running";
  release = true;
  transition.join();
  remover.join();
  EXPECT_TRUE(removed.load());
}

TEST(ManualStatesTest, ListenersMayCallBackIntoTheBreaker) {
  ManualClock clock;
  auto breaker = make_breaker(small_config(), clock);
  std::vector<State> seen;
  breaker->add_listener([&](const StateTransition& event) {
    seen.push_back(event.to);
    if (event.to == State::kOpen) breaker->transition_to_forced_open();
  });
  breaker->add_listener([](const StateTransition&) { throw std::runtime_error("listener bug"); });
  ASSERT_TRUE(breaker->transition_to_open());
  EXPECT_EQ(breaker->state(), State::kForcedOpen);
  EXPECT_EQ(seen, (std::vector<State>{State::kOpen, State::kForcedOpen}));
}

TEST(ManualStatesTest, ResultsFromAnEarlierEntryAreStaleAndNotJudged) {
  ManualClock clock;
  auto breaker = make_breaker(small_config(), clock);
  Permit old_failure = breaker->try_acquire();
  Permit old_success = breaker->try_acquire();
  ASSERT_TRUE(old_failure && old_success);
  ASSERT_TRUE(breaker->transition_to_open());
  ASSERT_TRUE(breaker->transition_to_closed());
  ASSERT_TRUE(record(*breaker, false));
  old_failure.record_failure();  // with the fresh failure this would be 2 of 2
  old_success.record_success();
  EXPECT_EQ(breaker->state(), State::kClosed);
  BreakerStats stats = breaker->stats();
  EXPECT_EQ(stats.stale, 2u);
  EXPECT_EQ(stats.window_calls, 1u);
  EXPECT_EQ(stats.failures, 2u);
  EXPECT_EQ(stats.successes, 1u);
  EXPECT_EQ(stats.permitted, 3u);
}

TEST(ManualStatesTest, OnlyTheFirstOutcomeOfAPermitCounts) {
  ManualClock clock;
  auto breaker = make_breaker(small_config(), clock);
  Permit permit = breaker->try_acquire();
  permit.record_success();
  EXPECT_FALSE(permit);
  permit.record_failure();
  permit.release();
  BreakerStats stats = breaker->stats();
  EXPECT_EQ(stats.successes, 1u);
  EXPECT_EQ(stats.failures, 0u);
  EXPECT_EQ(stats.permitted, 1u);
}

TEST(ManualStatesTest, CallRecordsOutcomesAndFallsBack) {
  ManualClock clock;
  BreakerConfig config = small_config();
  config.window_size = config.minimum_calls = 3;
  auto breaker = make_breaker(config, clock);
  EXPECT_EQ(breaker->call([] { return 7; }, [] { return -1; }), 7);
  EXPECT_EQ(breaker->call([]() -> int { throw std::runtime_error("down"); }, [] { return -1; }), -1);
  Status failed = breaker->call([] { return Status(Error(ErrorCode::kUnavailable, "x")); }, [] { return Status(); });
  EXPECT_FALSE(failed.ok());  // returned as is, recorded as a failure
  EXPECT_EQ(breaker->state(), State::kOpen);
  EXPECT_EQ(breaker->call([] { return 7; }, [] { return -1; }), -1);  // rejected
  BreakerStats stats = breaker->stats();
  EXPECT_EQ(stats.successes, 1u);
  EXPECT_EQ(stats.failures, 2u);
  EXPECT_EQ(stats.rejected, 1u);
  EXPECT_EQ(stats.attempted(), 4u);
}

}  // namespace
}  // namespace gauntlet::breaker
