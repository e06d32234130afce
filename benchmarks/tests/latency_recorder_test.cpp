#include "gauntlet/bench/latency_recorder.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>
#include <thread>
#include <vector>

namespace gauntlet::bench {
namespace {

struct FakeState {
  std::map<std::string, double> counters;
};

TEST(LatencyRecorderTest, ScopesRecordClockDeltas) {
  ManualClock clock(1000);
  LatencyRecorder rec(clock);
  // Latencies 1..100 us: nearest-rank p50 = 50 us, p95 = 95 us, p99 = 99 us.
  for (int i = 1; i <= 100; ++i) {
    auto t = rec.measure();
    clock.advance(i * kNanosPerMicro);
  }
  EXPECT_EQ(rec.count(), 100u);
  EXPECT_NEAR(rec.quantile_ns(0.50), 50'000, 500);
  EXPECT_NEAR(rec.quantile_ns(0.95), 95'000, 950);
  EXPECT_NEAR(rec.quantile_ns(0.99), 99'000, 990);
}

TEST(LatencyRecorderTest, ReportsCountersTheGateBudgetsRead) {
  LatencyRecorder rec(RealClock::instance());
  for (int i = 0; i < 90; ++i) rec.record_ns(1e6);   // 1 ms
  for (int i = 0; i < 10; ++i) rec.record_ns(20e6);  // 20 ms tail
  FakeState state;
  rec.report(state);
  EXPECT_NEAR(state.counters.at("p50_ns"), 1e6, 1e4);
  EXPECT_NEAR(state.counters.at("p95_ns"), 20e6, 2e5);
  EXPECT_NEAR(state.counters.at("p99_ns"), 20e6, 2e5);
  EXPECT_DOUBLE_EQ(state.counters.at("latency_samples"), 100);
}

TEST(LatencyRecorderTest, EmptyReportsNaNAndRefusesBadValues) {
  LatencyRecorder rec;
  rec.record_ns(-5);
  rec.record_ns(std::nan(""));
  FakeState state;
  rec.report(state);
  EXPECT_TRUE(std::isnan(state.counters.at("p50_ns")));
  EXPECT_DOUBLE_EQ(state.counters.at("latency_samples"), 0);
}

TEST(LatencyRecorderTest, SharedAcrossThreads) {
  LatencyRecorder rec;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 1000; ++i) rec.record_ns(100.0 + i);
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(rec.count(), 4000u);
  EXPECT_NEAR(rec.quantile_ns(0.5), 600, 6);
}

}  // namespace
}  // namespace gauntlet::bench
