#include "gauntlet/harness/metrics/counter.h"
#include "gauntlet/harness/metrics/gauge.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace gauntlet::metrics {
namespace {

TEST(CounterTest, StartsAtZeroAndAdds) {
  Counter c;
  EXPECT_EQ(c.value(), 0u);
  c.inc();
  c.inc(41);
  EXPECT_EQ(c.value(), 42u);
}

TEST(CounterTest, SumsAcrossThreadsWithoutLoss) {
  Counter c;
  constexpr int kThreads = 8;
  constexpr int kPerThread = 20'000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kPerThread; ++i) c.inc();
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(c.value(), static_cast<std::uint64_t>(kThreads) * kPerThread);
}

TEST(CounterTest, MoreThreadsThanStripesStillCountExactly) {
  // Slots of exited threads are reused; beyond the exclusive slots threads
  // share the overflow stripe. Either way nothing is lost.
  Counter c;
  constexpr int kThreads = 100;
  std::vector<std::thread> threads;
  std::atomic<bool> go{false};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      while (!go.load()) std::this_thread::yield();
      for (int i = 0; i < 1000; ++i) c.inc(2);
    });
  }
  go = true;
  for (auto& t : threads) t.join();
  EXPECT_EQ(c.value(), 2u * 1000u * kThreads);
}

TEST(GaugeTest, SetIncDec) {
  Gauge g;
  EXPECT_EQ(g.value(), 0.0);
  g.set(3.5);
  g.inc();
  g.dec(0.25);
  EXPECT_EQ(g.value(), 4.25);
  g.set(-7);
  EXPECT_EQ(g.value(), -7.0);
}

TEST(GaugeTest, ConcurrentIncDecBalance) {
  Gauge g;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 10'000; ++i) {
        if (t % 2 == 0) g.inc(2);
        else g.dec(2);
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(g.value(), 0.0);
}

}  // namespace
}  // namespace gauntlet::metrics
