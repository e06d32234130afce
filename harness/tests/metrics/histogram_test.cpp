#include "gauntlet/harness/metrics/histogram.h"

#include <gtest/gtest.h>

#include "gauntlet/harness/testing/status_matchers.h"

#include <cmath>
#include <limits>

namespace gauntlet::metrics {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

TEST(HistogramTest, EmptyHistogramReportsNaN) {
  Histogram h;
  HistogramSnapshot s = h.snapshot();
  EXPECT_EQ(s.count, 0u);
  EXPECT_EQ(s.sum, 0.0);
  EXPECT_TRUE(std::isnan(s.min));
  EXPECT_TRUE(std::isnan(s.max));
  EXPECT_TRUE(std::isnan(s.mean()));
  EXPECT_TRUE(std::isnan(s.quantile(0.5)));
  EXPECT_EQ(s.cumulative_count(1e9), 0u);
}

TEST(HistogramTest, SingleValueIsExactAtEveryQuantile) {
  Histogram h;
  h.record(1234.5);
  HistogramSnapshot s = h.snapshot();
  EXPECT_EQ(s.count, 1u);
  EXPECT_EQ(s.sum, 1234.5);
  EXPECT_EQ(s.min, 1234.5);
  EXPECT_EQ(s.max, 1234.5);
  for (double q : {0.0, 0.01, 0.5, 0.99, 1.0}) EXPECT_EQ(s.quantile(q), 1234.5) << q;
}

TEST(HistogramTest, QuantileUsesNearestRank) {
  Histogram h;
  for (int v = 1; v <= 100; ++v) h.record(1000.0 * v);
  HistogramSnapshot s = h.snapshot();
  EXPECT_EQ(s.quantile(0.0), 1000.0);
  EXPECT_EQ(s.quantile(1.0), 100000.0);
  // rank ceil(0.5*100) = 50 -> 50000, within the bucket resolution.
  EXPECT_NEAR(s.quantile(0.5), 50000.0, 50000.0 / 128);
  EXPECT_NEAR(s.quantile(0.951), 96000.0, 96000.0 / 128);
  EXPECT_TRUE(std::isnan(s.quantile(-0.1)));
  EXPECT_TRUE(std::isnan(s.quantile(1.1)));
  EXPECT_TRUE(std::isnan(s.quantile(kNaN)));
}

TEST(HistogramTest, RejectsNaNNegativeAndInfinite) {
  Histogram h;
  h.record(kNaN);
  h.record(-1.0);
  h.record(-0.0001);
  h.record(kInf);
  h.record(-kInf);
  h.record(5.0);
  EXPECT_EQ(h.rejected(), 5u);
  HistogramSnapshot s = h.snapshot();
  EXPECT_EQ(s.count, 1u);
  EXPECT_EQ(s.rejected, 5u);
  EXPECT_EQ(s.sum, 5.0);
}

TEST(HistogramTest, NegativeZeroIsZeroAndExtremesAreKept) {
  Histogram h;
  h.record(-0.0);
  h.record(std::numeric_limits<double>::denorm_min());
  h.record(std::numeric_limits<double>::max());
  HistogramSnapshot s = h.snapshot();
  EXPECT_EQ(h.rejected(), 0u);
  EXPECT_EQ(s.count, 3u);
  EXPECT_EQ(s.bucket_count(0), 2u);
  EXPECT_EQ(s.bucket_count(h.layout().overflow_index()), 1u);
  EXPECT_EQ(s.min, 0.0);
  EXPECT_FALSE(std::signbit(s.min));
  EXPECT_EQ(s.max, std::numeric_limits<double>::max());
}

TEST(HistogramTest, SumAddsEveryWriteOfAThread) {
  Histogram h;
  double expected = 0;
  for (int i = 1; i <= 1001; ++i) {
    h.record(i * 0.5);
    expected += i * 0.5;
  }
  EXPECT_DOUBLE_EQ(h.snapshot().sum, expected);
}

TEST(HistogramTest, ZeroAndTinyValuesShareTheBottomBucket) {
  Histogram h;
  h.record(0.0);
  h.record(1e-9);
  HistogramSnapshot s = h.snapshot();
  EXPECT_EQ(s.count, 2u);
  EXPECT_EQ(s.bucket_count(0), 2u);
  EXPECT_EQ(s.min, 0.0);
  EXPECT_EQ(s.max, 1e-9);
}

TEST(HistogramTest, HugeValuesOverflowWithExactMax) {
  Histogram h;
  h.record(1e15);
  h.record(std::numeric_limits<double>::max());
  h.record(10.0);
  HistogramSnapshot s = h.snapshot();
  EXPECT_EQ(s.count, 3u);
  EXPECT_EQ(s.bucket_count(h.layout().overflow_index()), 2u);
  EXPECT_EQ(s.max, std::numeric_limits<double>::max());
  EXPECT_EQ(s.quantile(1.0), std::numeric_limits<double>::max());
  EXPECT_EQ(s.quantile(0.0), 10.0);
  // The overflow bucket is reported at the top edge (clamped into [min,max]).
  EXPECT_EQ(s.quantile(0.5), h.layout().top_edge());
}

TEST(HistogramTest, ValuesAtBucketEdgesCountAtThatLe) {
  Histogram h;
  h.record(1024.0);
  h.record(std::nextafter(1024.0, 2048.0));
  h.record(2048.0);
  HistogramSnapshot s = h.snapshot();
  EXPECT_EQ(s.cumulative_count(1024.0), 1u);
  EXPECT_EQ(s.cumulative_count(2048.0), 3u);
  EXPECT_EQ(s.cumulative_count(512.0), 0u);
  EXPECT_EQ(s.cumulative_count(kInf), 3u);
}

TEST(HistogramTest, InteriorBoundsResolveToTheirBucket) {
  Histogram h;
  h.record(99.5);
  h.record(100.3);
  h.record(100.7);
  h.record(101.5);
  HistogramSnapshot s = h.snapshot();
  // Buckets here are 1 wide: (99, 100], (100, 101], (101, 102].
  EXPECT_EQ(s.cumulative_count(100.0), 1u);  // an edge: exact
  EXPECT_EQ(s.cumulative_count(100.3), 3u);  // inside (100, 101]: the whole bucket
  EXPECT_EQ(s.cumulative_count(101.0), 3u);
  EXPECT_EQ(s.cumulative_count(101.5), 4u);
  EXPECT_EQ(s.cumulative_count(99.0), 0u);
}

TEST(HistogramTest, CumulativeCountsMatchOneByOne) {
  Histogram h;
  for (double v : {0.5, 1.0, 3.0, 100.3, 100.7, 4096.0, 1e7, 1e13}) h.record(v);
  HistogramSnapshot s = h.snapshot();
  std::vector<double> bounds = {0.25, 1.0, 2.0, 100.5, 4096.0, 5000.0, 1e12, 1e13, 2e13};
  const std::vector<std::uint64_t> all = s.cumulative_counts(bounds);
  ASSERT_EQ(all.size(), bounds.size());
  for (std::size_t i = 0; i < bounds.size(); ++i) EXPECT_EQ(all[i], s.cumulative_count(bounds[i])) << bounds[i];
  EXPECT_EQ(all.back(), 8u);
  EXPECT_EQ(all[1], 2u);
}

TEST(HistogramTest, CustomRangeAndValidation) {
  auto ok = Histogram::create(HistogramOptions::range(0.001, 10.0, {0.01, 0.1, 1}));
  ASSERT_TRUE(ok.ok());
  (*ok)->record(0.5);
  EXPECT_EQ((*ok)->snapshot().quantile(0.5), 0.5);

  struct Case {
    HistogramOptions options;
    const char* what;
  };
  const std::vector<Case> cases = {
      {HistogramOptions::range(0.0, 3.6e12), "lowest"},
      {HistogramOptions::range(10, 5), "highest"},
      {HistogramOptions::range(kNaN, 3.6e12), "lowest"},
      {HistogramOptions::range(1.0, kInf), "highest"},
      {HistogramOptions::range(1.0, 3.6e12, {1, 1}), "export_bounds[1]"},
      {HistogramOptions::range(1.0, 3.6e12, {-1}), "export_bounds[0]"},
  };
  for (const Case& c : cases) {
    auto r = Histogram::create(c.options);
    EXPECT_THAT(r, matchers::StatusIs(ErrorCode::kInvalidArgument, ::testing::HasSubstr(c.what))) << c.what;
  }
}

TEST(HistogramTest, DefaultExportBoundsArePowersOfTwoInRange) {
  const std::vector<double> bounds = HistogramOptions{}.effective_export_bounds();
  ASSERT_EQ(bounds.size(), 42u);  // 2^0 .. 2^41 (2^42 > 3.6e12's top edge)
  EXPECT_EQ(bounds.front(), 1.0);
  EXPECT_EQ(bounds.back(), std::ldexp(1.0, 41));
}

TEST(HistogramTest, MergeAddsEverything) {
  Histogram a, b;
  for (int i = 1; i <= 10; ++i) a.record(i * 10.0);
  for (int i = 1; i <= 5; ++i) b.record(i * 1000.0);
  b.record(-1.0);
  ASSERT_TRUE(a.merge(b.snapshot()).ok());
  HistogramSnapshot s = a.snapshot();
  EXPECT_EQ(s.count, 15u);
  EXPECT_EQ(s.sum, 550.0 + 15000.0);
  EXPECT_EQ(s.min, 10.0);
  EXPECT_EQ(s.max, 5000.0);
  EXPECT_EQ(s.rejected, 1u);
  EXPECT_EQ(s.cumulative_count(128.0), 10u);

  HistogramSnapshot copy = b.snapshot();
  ASSERT_TRUE(copy.merge(a.snapshot()).ok());
  EXPECT_EQ(copy.count, 20u);
  EXPECT_EQ(copy.min, 10.0);
}

TEST(HistogramTest, MergeRejectsDifferentLayouts) {
  Histogram a;
  auto b = Histogram::create(HistogramOptions::range(0.5, 100));
  ASSERT_TRUE(b.ok());
  (*b)->record(1.0);
  Status s = a.merge((*b)->snapshot());
  ASSERT_THAT(s, matchers::StatusIs(ErrorCode::kInvalidArgument));
  HistogramSnapshot snap = a.snapshot();
  EXPECT_THAT(snap.merge((*b)->snapshot()), matchers::StatusIs(ErrorCode::kInvalidArgument));
  EXPECT_EQ(a.snapshot().count, 0u);
}

}  // namespace
}  // namespace gauntlet::metrics
