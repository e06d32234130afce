// Many threads on one breaker: accounting balances, HALF_OPEN never admits
// more than its probes and never wedges, events arrive once and in order.
// Run under the tsan preset. Each test prints its seed on failure.
#include "gauntlet/harness/breaker/circuit_breaker.h"
#include "recording_listener.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <random>
#include <thread>
#include <vector>

namespace gauntlet::breaker {
namespace {

using testing::make_breaker;
using testing::RecordingListener;

constexpr std::uint64_t kSeed = 20260422;
constexpr int kThreads = 8;

struct Tally {
  std::uint64_t granted = 0, rejected = 0, successes = 0, failures = 0, ignored = 0, released = 0;
  void add(const Tally& other) {
    granted += other.granted;
    rejected += other.rejected;
    successes += other.successes;
    failures += other.failures;
    ignored += other.ignored;
    released += other.released;
  }
};

/// One caller: `calls` attempts with outcomes drawn from `rng`.
Tally run_caller(CircuitBreaker& breaker, ManualClock& clock, std::mt19937_64 rng, int calls,
                 std::atomic<int>* half_open_in_flight = nullptr, std::atomic<int>* max_in_flight = nullptr) {
  Tally tally;
  std::uniform_int_distribution<int> pick(0, 99);
  for (int i = 0; i < calls; ++i) {
    Permit permit = breaker.try_acquire();
    if (!permit) {
      ++tally.rejected;
      clock.advance(1000);
      continue;
    }
    ++tally.granted;
    const bool probe = permit.state() == State::kHalfOpen && half_open_in_flight != nullptr;
    if (probe) {
      const int now = half_open_in_flight->fetch_add(1) + 1;
      int seen = max_in_flight->load();
      while (now > seen && !max_in_flight->compare_exchange_weak(seen, now)) {
      }
      std::this_thread::yield();
      half_open_in_flight->fetch_sub(1);
    }
    const int roll = pick(rng);
    const Nanos duration = pick(rng) < 10 ? 2 * kNanosPerMilli : 1000;
    if (roll < 60) {
      permit.record_success(duration);
      ++tally.successes;
    } else if (roll < 92) {
      permit.record_failure(duration);
      ++tally.failures;
    } else if (roll < 96 && !probe) {
      permit.record_ignored();
      ++tally.ignored;
    } else if (!probe) {
      permit.release();
      ++tally.released;
    } else {
      permit.record_success(duration);
      ++tally.successes;
    }
  }
  return tally;
}

BreakerConfig busy_config() {
  BreakerConfig config;
  config.window_size = 20;
  config.minimum_calls = 10;
  config.failure_rate_threshold = 40.0;
  config.slow_call_duration = kNanosPerMilli;
  config.slow_call_rate_threshold = 30.0;
  config.wait_in_open = 50'000;
  config.permitted_calls_in_half_open = 4;
  return config;
}

Tally run_threads(CircuitBreaker& breaker, ManualClock& clock, int calls, std::atomic<int>* in_flight = nullptr,
                  std::atomic<int>* max_in_flight = nullptr) {
  std::vector<Tally> tallies(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      tallies[t] = run_caller(breaker, clock, std::mt19937_64(kSeed + t), calls, in_flight, max_in_flight);
    });
  }
  for (auto& thread : threads) thread.join();
  Tally total;
  for (const Tally& tally : tallies) total.add(tally);
  return total;
}

void expect_balanced(const BreakerStats& stats, const Tally& total) {
  EXPECT_EQ(stats.permitted, total.granted);
  EXPECT_EQ(stats.rejected, total.rejected);
  EXPECT_EQ(stats.attempted(), total.granted + total.rejected);
  EXPECT_EQ(stats.successes, total.successes);
  EXPECT_EQ(stats.failures, total.failures);  // rejections never count as failures
  EXPECT_EQ(stats.ignored, total.ignored);
  EXPECT_EQ(stats.released, total.released);
}

void expect_chained(const std::vector<StateTransition>& events, const BreakerStats& stats) {
  ASSERT_EQ(events.size(), stats.transitions);
  State state = State::kClosed;
  for (std::size_t i = 0; i < events.size(); ++i) {
    EXPECT_EQ(events[i].from, state) << "event " << i;
    EXPECT_EQ(events[i].generation, i + 2) << "event " << i;
    state = events[i].to;
  }
  EXPECT_EQ(state, stats.state);
}

TEST(BreakerConcurrencyTest, AccountingBalancesAndEventsArriveOnceInOrder) {
  SCOPED_TRACE("seed " + std::to_string(kSeed) + "; re-run with --gtest_filter=BreakerConcurrencyTest.*");
  ManualClock clock;
  auto breaker = make_breaker(busy_config(), clock);
  RecordingListener listener(*breaker);
  std::atomic<int> in_flight{0}, max_in_flight{0};
  const Tally total = run_threads(*breaker, clock, 4000, &in_flight, &max_in_flight);
  const BreakerStats stats = breaker->stats();
  expect_balanced(stats, total);
  EXPECT_GT(stats.transitions, 3u) << "the workload should cycle through the states";
  EXPECT_GT(total.rejected, 0u);
  EXPECT_LE(max_in_flight.load(), 4) << "HALF_OPEN admitted more probes than permitted";
  expect_chained(listener.events(), stats);
}

TEST(BreakerConcurrencyTest, ConsecutiveModeBalancesToo) {
  SCOPED_TRACE("seed " + std::to_string(kSeed));
  ManualClock clock;
  BreakerConfig config = BreakerConfig::consecutive(3, 2, 20'000);
  auto breaker = make_breaker(config, clock);
  RecordingListener listener(*breaker);
  const Tally total = run_threads(*breaker, clock, 4000);
  const BreakerStats stats = breaker->stats();
  expect_balanced(stats, total);
  EXPECT_GT(stats.transitions, 3u);
  expect_chained(listener.events(), stats);
}

TEST(BreakerConcurrencyTest, ResultsRacingManualTransitionsStayBalanced) {
  ManualClock clock;
  BreakerConfig config;
  config.window_size = 1000;
  config.minimum_calls = 1000;
  auto breaker = make_breaker(config, clock);
  std::atomic<int> holding{0};
  std::atomic<bool> flipping_done{false};
  std::thread flipper([&] {
    while (holding.load() < kThreads) std::this_thread::yield();
    for (int i = 0; i < 400; ++i) {
      if (i % 2 == 0) {
        breaker->transition_to_forced_open();
      } else {
        breaker->transition_to_closed();
      }
    }
    flipping_done = true;
  });
  std::vector<std::thread> threads;
  std::vector<Tally> tallies(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      bool held = false;
      for (int i = 0; i < 5000 || !flipping_done.load(); ++i) {
        Permit permit = breaker->try_acquire();
        if (!permit) {
          ++tallies[t].rejected;
          continue;
        }
        ++tallies[t].granted;
        if (!held) {
          // Hold the first permit until a transition lands: its result is stale.
          held = true;
          holding.fetch_add(1);
          while (breaker->generation() == permit.generation()) std::this_thread::yield();
        }
        permit.record_success();
        ++tallies[t].successes;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  flipper.join();
  Tally total;
  for (const Tally& tally : tallies) total.add(tally);
  const BreakerStats stats = breaker->stats();
  expect_balanced(stats, total);
  EXPECT_GE(stats.stale, static_cast<std::uint64_t>(kThreads));
  EXPECT_LE(stats.window_calls, total.successes - stats.stale);
}

TEST(BreakerConcurrencyTest, HalfOpenNeverWedgesWhenProbesAreLost) {
  ManualClock clock;
  BreakerConfig config = busy_config();
  config.permitted_calls_in_half_open = 2;
  auto breaker = make_breaker(config, clock);
  ASSERT_TRUE(breaker->transition_to_half_open());
  std::atomic<std::uint64_t> granted{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      std::mt19937_64 rng(kSeed + t);
      for (int i = 0; i < 5000 && breaker->state() == State::kHalfOpen; ++i) {
        Permit permit = breaker->try_acquire();
        if (!permit) continue;
        granted.fetch_add(1);
        if (rng() % 4 != 0) continue;  // dropped: the permit releases itself
        permit.record_success();
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(breaker->state(), State::kClosed);
  const BreakerStats stats = breaker->stats();
  EXPECT_EQ(stats.permitted, granted.load());
  EXPECT_EQ(stats.failures, 0u);
}

}  // namespace
}  // namespace gauntlet::breaker
