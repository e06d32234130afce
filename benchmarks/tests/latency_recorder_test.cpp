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

TEST(LatencyRecorderTest, ReportsTheBinomialIntervalOfP95AndP99) {
  LatencyRecorder rec;
  for (int i = 1; i <= 1000; ++i) rec.record_ns(i);
  FakeState state;
  rec.report(state);
  // Exact binomial ranks for n = 1000: p99 in [x_(983), x_(997)] (coverage
  // 97.6%), p95 in [x_(936), x_(964)]; values carry the histogram's 1% error.
  const double low = state.counters.at("p99_ns_low"), high = state.counters.at("p99_ns_high");
  EXPECT_LE(low, 990);
  EXPECT_GE(high, 990);
  EXPECT_NEAR(low, 983, 10);
  EXPECT_NEAR(high, 997, 10);
  const metrics::HistogramSnapshot s = rec.snapshot();
  EXPECT_DOUBLE_EQ(low, s.quantile(982.5 / 1000));  // exactly the value of rank 983
  EXPECT_DOUBLE_EQ(high, s.quantile(996.5 / 1000));
  EXPECT_NEAR(state.counters.at("p95_ns_low"), 936, 10);
  EXPECT_NEAR(state.counters.at("p95_ns_high"), 964, 10);
  EXPECT_LE(state.counters.at("p95_ns_low"), state.counters.at("p95_ns"));
  EXPECT_GE(state.counters.at("p95_ns_high"), state.counters.at("p95_ns"));
}

TEST(LatencyRecorderTest, OmitsABoundTooFewSamplesCannotGive) {
  LatencyRecorder rec;
  for (int i = 1; i <= 20; ++i) rec.record_ns(i * 1000.0);
  FakeState state;
  rec.report(state);
  // 0.99^20 = 82% of 20-sample runs have every sample below the true p99:
  // no order statistic bounds it above, so the counter is absent.
  EXPECT_EQ(state.counters.count("p99_ns_high"), 0u);
  EXPECT_EQ(state.counters.count("p95_ns_high"), 0u);
  EXPECT_NEAR(state.counters.at("p99_ns_low"), 19'000, 190);  // rank 19
  EXPECT_NEAR(state.counters.at("p95_ns_low"), 17'000, 170);  // rank 17

  LatencyRecorder empty;
  FakeState none;
  empty.report(none);
  EXPECT_EQ(none.counters.count("p95_ns_low"), 0u);
  EXPECT_EQ(none.counters.count("p99_ns_high"), 0u);
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
