// Many threads record while snapshots are taken: every snapshot must be
// internally consistent. Run under the tsan preset as well.
#include "gauntlet/harness/metrics/histogram.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <limits>
#include <thread>
#include <vector>

namespace gauntlet::metrics {
namespace {

TEST(HistogramConcurrencyTest, SnapshotsStayConsistentWhileWritersRun) {
  Histogram h;
  constexpr int kWriters = 4;
  constexpr int kPerWriter = 50'000;
  const std::vector<double> bounds = h.options().effective_export_bounds();
  std::atomic<int> running{kWriters};
  std::vector<std::thread> writers;
  for (int t = 0; t < kWriters; ++t) {
    writers.emplace_back([&, t] {
      // Every value is 2^k, so the sum of a consistent snapshot is a whole number.
      for (int i = 0; i < kPerWriter; ++i) h.record(static_cast<double>(1u << ((i + t) % 20)));
      running.fetch_sub(1);
    });
  }
  int snapshots = 0;
  std::uint64_t last_count = 0;
  while (running.load() > 0 || snapshots < 5) {
    HistogramSnapshot s = h.snapshot();
    ++snapshots;
    std::uint64_t bucket_total = 0;
    for (std::uint64_t c : s.counts) bucket_total += c;
    ASSERT_EQ(bucket_total, s.count);
    ASSERT_GE(s.count, last_count);  // never goes back
    last_count = s.count;
    std::uint64_t previous = 0;
    for (double b : bounds) {
      const std::uint64_t c = s.cumulative_count(b);
      ASSERT_GE(c, previous) << "le=" << b;
      previous = c;
    }
    ASSERT_LE(previous, s.count);
    ASSERT_EQ(s.cumulative_count(std::numeric_limits<double>::infinity()), s.count);
    if (s.count > 0) {
      // Sum and count describe the same observations: the mean lies in [min, max].
      ASSERT_GE(s.mean(), s.min);
      ASSERT_LE(s.mean(), s.max);
      ASSERT_GE(s.min, 1.0);
      ASSERT_LE(s.max, static_cast<double>(1u << 19));
      ASSERT_EQ(s.sum, std::floor(s.sum));
    }
  }
  for (auto& w : writers) w.join();
  HistogramSnapshot final_snapshot = h.snapshot();
  EXPECT_EQ(final_snapshot.count, static_cast<std::uint64_t>(kWriters) * kPerWriter);
  EXPECT_GT(snapshots, 0);
}

TEST(HistogramConcurrencyTest, SumMatchesCountForConstantValues) {
  Histogram h;
  std::atomic<bool> stop{false};
  std::vector<std::thread> writers;
  for (int t = 0; t < 3; ++t) {
    writers.emplace_back([&] {
      while (!stop.load(std::memory_order_relaxed)) h.record(3.0);
    });
  }
  for (int i = 0; i < 200; ++i) {
    HistogramSnapshot s = h.snapshot();
    ASSERT_EQ(s.sum, 3.0 * static_cast<double>(s.count));
  }
  stop = true;
  for (auto& w : writers) w.join();
}

TEST(HistogramConcurrencyTest, ConcurrentMergeAndSnapshot) {
  Histogram source;
  for (int i = 1; i <= 100; ++i) source.record(i);
  const HistogramSnapshot part = source.snapshot();
  Histogram target;
  std::thread merger([&] {
    for (int i = 0; i < 200; ++i) ASSERT_TRUE(target.merge(part).ok());
  });
  for (int i = 0; i < 100; ++i) {
    HistogramSnapshot s = target.snapshot();
    ASSERT_EQ(s.count % 100, 0u);
    ASSERT_EQ(s.sum, 5050.0 * static_cast<double>(s.count / 100));
  }
  merger.join();
  EXPECT_EQ(target.snapshot().count, 20'000u);
}

}  // namespace
}  // namespace gauntlet::metrics
