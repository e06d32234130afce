#include "gauntlet/properties/stress.h"

#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>

#include "gauntlet/properties/property_check.h"
#include "gauntlet/properties/step_log.h"

namespace gauntlet::properties {
namespace {

using namespace std::chrono_literals;

// A counter whose add is a load and a store, with some work in between:
// concurrent adds lose updates.
struct RacyCounter {
  std::atomic<long> value{0};
  void add() {
    const long seen = value.load();
    detail::spin(200);
    value.store(seen + 1);
  }
};

TEST(StressTest, FindsALostUpdateAndPrintsTheRoundsInterleaving) {
  const std::size_t threads = 2;
  RacyCounter counter;
  StepLog log(threads);
  // A generous budget for a loaded machine: the phase ends at the first lost update.
  const auto outcome = run_stress(
      {threads, 30s, 42},
      [&](const StressRound&) {
        log.clear();
        counter.value = 0;
      },
      [&](std::size_t t, const StressRound& round) {
        for (std::size_t i = 0; i < round.length; ++i) log.record(t, "add", 1, [&] { counter.add(); });
      },
      [&](const StressRound& round) -> std::optional<std::string> {
        const long expected = static_cast<long>(threads * round.length);
        if (counter.value.load() == expected) return std::nullopt;
        return "counter " + std::to_string(counter.value.load()) + " != " + std::to_string(expected);
      },
      [&] { return log.format(6); });
  ASSERT_TRUE(outcome.failure.has_value()) << "no lost update in " << outcome.rounds << " rounds";
  EXPECT_NE(outcome.failure->find("counter "), std::string::npos) << *outcome.failure;
  // The phase stops at the first failing round, whose interleaving shows both threads.
  EXPECT_NE(outcome.failure->find("Failed in stress round " + std::to_string(outcome.rounds - 1) + " "),
            std::string::npos)
      << *outcome.failure;
  EXPECT_NE(outcome.failure->find("thread 0  add(1)"), std::string::npos) << *outcome.failure;
  EXPECT_NE(outcome.failure->find("thread 1  add(1)"), std::string::npos) << *outcome.failure;
}

// A long round's steps, cut to a few lines, keep the part where the threads
// overlap: thread 0 alone, then both, then thread 0 alone again.
TEST(StressTest, ATruncatedInterleavingKeepsWhereTheThreadsOverlap) {
  StepLog log(2);
  for (int i = 0; i < 10; ++i) log.record(0, "add", 1, [] {});
  for (int i = 0; i < 3; ++i) {
    log.record(1, "add", 2, [] {});
    log.record(0, "add", 1, [] {});
  }
  for (int i = 0; i < 10; ++i) log.record(0, "add", 1, [] {});
  const std::string text = log.format(6);
  EXPECT_NE(text.find("thread 1  add(2)"), std::string::npos) << text;
  EXPECT_NE(text.find("earlier steps omitted"), std::string::npos) << text;
  EXPECT_NE(text.find("later steps omitted"), std::string::npos) << text;
  EXPECT_EQ(static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')), 6u + 2u) << text;
}

TEST(StressTest, ATruncatedUntimedRoundShowsEveryThreadsFirstSteps) {
  StepLog log(2);
  log.set_timed(false);
  for (int i = 0; i < 10; ++i) log.record(0, "add", 1, [] {});
  for (int i = 0; i < 10; ++i) log.record(1, "add", 2, [] {});
  const std::string text = log.format(6);
  EXPECT_NE(text.find("untimed round"), std::string::npos) << text;
  EXPECT_EQ(text.find("ns  thread"), std::string::npos) << text;  // no made-up times
  EXPECT_NE(text.find("thread 1  add(2)"), std::string::npos) << text;
  EXPECT_NE(text.find("7 more steps of thread 0 omitted"), std::string::npos) << text;
  EXPECT_NE(text.find("7 more steps of thread 1 omitted"), std::string::npos) << text;
}

TEST(StressTest, CorrectCodePassesAndThePhaseKeepsToItsBudget) {
  std::atomic<long> value{0};
  const auto outcome = run_stress(
      {3, 200ms, 7}, [&](const StressRound&) { value = 0; },
      [&](std::size_t, const StressRound& round) {
        for (std::size_t i = 0; i < round.length; ++i) value.fetch_add(1);
      },
      [&](const StressRound& round) -> std::optional<std::string> {
        if (value.load() == static_cast<long>(3 * round.length)) return std::nullopt;
        return std::string("lost");
      },
      [] { return std::string(); });
  EXPECT_FALSE(outcome.failure.has_value()) << *outcome.failure;
  EXPECT_GE(outcome.rounds, 4u);  // every round length of the cycle ran
  EXPECT_GE(outcome.elapsed, 200ms);
  EXPECT_LT(outcome.elapsed, 2s);
}

TEST(StressTest, AWorkerAssertionEndsThePhaseWithItsMessage) {
  const auto outcome = run_stress(
      {2, 2s, 1}, [](const StressRound&) {}, [](std::size_t t, const StressRound&) { RC_ASSERT(t == 0u); },
      [](const StressRound&) -> std::optional<std::string> { return std::nullopt; },
      [] { return std::string("  (steps)\n"); });
  ASSERT_TRUE(outcome.failure.has_value());
  EXPECT_NE(outcome.failure->find("RC_ASSERT(t == 0u)"), std::string::npos) << *outcome.failure;
  EXPECT_EQ(outcome.rounds, 1u);
}

TEST(StressTest, StepLogOrdersByStartTimeAndFilters) {
  StepLog log(2);
  log.record(1, "read", [] { return 5; });
  log.record(0, "add", 2, [] {});
  log.label_last(0, "breaker", 3);
  const std::string all = log.format();
  EXPECT_LT(all.find("thread 1  read -> 5"), all.find("thread 0  add breaker=3")) << all;
  const std::string only = log.format_if([](const Step& s) { return s.has_arg; });
  EXPECT_EQ(only.find("read ->"), std::string::npos) << only;
  EXPECT_EQ(log.history_if([](const Step& s) { return !s.has_arg; }).size(), 1u);
}

TEST(StressTest, BudgetHonoursEnvironment) {
  ::unsetenv("GAUNTLET_STRESS_MS");
  EXPECT_EQ(stress_budget(), 700ms);
  ::setenv("GAUNTLET_THOROUGH", "1", 1);
  EXPECT_EQ(stress_budget(), 5000ms);
  ::unsetenv("GAUNTLET_THOROUGH");
  ::setenv("GAUNTLET_STRESS_MS", "250", 1);
  EXPECT_EQ(stress_budget(), 250ms);
  EXPECT_EQ(stress_budget_per_case(0.1), 25ms);  // 10 cases share it
  ::unsetenv("GAUNTLET_STRESS_MS");
}

// A failure that does not recur when RapidCheck re-checks the counterexample
// (as a race often does not) is reported as it was observed.
TEST(StressTest, ATimingDependentFailureIsReportedAsObserved) {
  int calls = 0;
  EXPECT_NONFATAL_FAILURE(check_property({Severity::kMust, 0.05, false},
                                         [&calls] {
                                           if (++calls == 2) RC_FAIL("lost 3 updates in round 7");
                                         }),
                          "lost 3 updates in round 7");
  const records::PropertyResult r = detail::recorded_results().back();
  EXPECT_NE(r.message.find("lost 3 updates in round 7"), std::string::npos) << r.message;
  EXPECT_NE(r.message.find("the failure depends on timing"), std::string::npos) << r.message;
}

}  // namespace
}  // namespace gauntlet::properties
