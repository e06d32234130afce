#include "gauntlet/harness/metrics/detail/log_linear_layout.h"

#include <gtest/gtest.h>

#include <cmath>

namespace gauntlet::metrics::detail {
namespace {

TEST(LogLinearLayoutTest, EdgesAreContiguousAndWithinOnePercent) {
  const LogLinearLayout layout(1.0, 3.6e12);
  EXPECT_EQ(layout.lower_edge(0), 0.0);
  for (std::size_t i = 1; i + 1 < layout.size(); ++i) {
    const double lo = layout.lower_edge(i);
    const double hi = layout.upper_edge(i);
    ASSERT_EQ(lo, layout.upper_edge(i - 1)) << i;
    ASSERT_LT(lo, hi) << i;
    // Midpoint within 1/128 of every value in the bucket.
    ASSERT_LE((hi - lo) / 2.0 / lo, 1.0 / 128.0 + 1e-12) << i;
  }
  EXPECT_TRUE(std::isinf(layout.upper_edge(layout.overflow_index())));
}

TEST(LogLinearLayoutTest, RangeEndsAreInsideResolvedBuckets) {
  const LogLinearLayout layout(1.0, 3.6e12);
  EXPECT_LT(layout.bottom_edge(), 1.0);
  EXPECT_GE(layout.top_edge(), 3.6e12);
  EXPECT_EQ(layout.index(1.0), 1u);
  EXPECT_EQ(layout.index(3.6e12), layout.overflow_index() - 1);
  EXPECT_EQ(layout.index(0.0), 0u);
  EXPECT_EQ(layout.index(layout.bottom_edge()), 0u);
  EXPECT_EQ(layout.index(layout.top_edge()), layout.overflow_index() - 1);
  EXPECT_EQ(layout.index(std::nextafter(layout.top_edge(), 1e300)), layout.overflow_index());
}

TEST(LogLinearLayoutTest, ValuesOnEdgesBelongToTheBucketBelow) {
  const LogLinearLayout layout(1.0, 1e6);
  for (std::size_t i = 1; i + 1 < layout.size(); ++i) {
    const double edge = layout.upper_edge(i);
    ASSERT_EQ(layout.index(edge), i) << edge;
    ASSERT_EQ(layout.index(std::nextafter(edge, 1e300)), i + 1) << edge;
  }
  // Powers of two are edges.
  EXPECT_EQ(layout.upper_edge(layout.index(1024.0)), 1024.0);
}

TEST(LogLinearLayoutTest, EveryValueMapsIntoItsBucket) {
  const LogLinearLayout layout(1e-3, 1e3);
  for (double v = 1e-3; v < 1e3; v *= 1.0137) {
    const std::size_t i = layout.index(v);
    ASSERT_GT(v, layout.lower_edge(i)) << v;
    ASSERT_LE(v, layout.upper_edge(i)) << v;
  }
}

}  // namespace
}  // namespace gauntlet::metrics::detail
