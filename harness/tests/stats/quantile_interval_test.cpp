// Order-statistic ranks of a quantile's interval against exact binomial sums.
#include "gauntlet/harness/stats/quantile_interval.h"

#include <gtest/gtest.h>

#include <cmath>

namespace gauntlet::stats {
namespace {

QuantileRanks ranks(std::uint64_t n, double q) {
  auto r = quantile_rank_interval(n, q);
  EXPECT_TRUE(r.ok());
  return r.ok() ? *r : QuantileRanks{};
}

TEST(QuantileIntervalTest, RanksMatchTheBinomialTails) {
  // Exact sums (computed with rational arithmetic): n = 1000, q = 0.99 gives
  // P(983 <= B < 997) = 0.976; q = 0.95 gives ranks 936 and 964.
  EXPECT_EQ(ranks(1000, 0.99).low, 983u);
  EXPECT_EQ(ranks(1000, 0.99).high, 997u);
  EXPECT_EQ(ranks(1000, 0.95).low, 936u);
  EXPECT_EQ(ranks(1000, 0.95).high, 964u);
  EXPECT_EQ(ranks(100, 0.5).low, 40u);
  EXPECT_EQ(ranks(100, 0.5).high, 61u);
}

TEST(QuantileIntervalTest, TooFewSamplesLeaveASideUnbounded) {
  // 0.99^20 = 0.82 > 2.5%: no order statistic of 20 samples bounds p99 above.
  EXPECT_EQ(ranks(20, 0.99).low, 19u);
  EXPECT_EQ(ranks(20, 0.99).high, 0u);
  EXPECT_EQ(ranks(300, 0.99).high, 0u);
  EXPECT_EQ(ranks(3, 0.5).low, 0u);
  EXPECT_EQ(ranks(3, 0.5).high, 0u);
  EXPECT_EQ(ranks(0, 0.5).low, 0u);
}

TEST(QuantileIntervalTest, LargeSamplesNarrowAroundTheQuantile) {
  // About ±1.96·√(n/4) ranks of the median of 100000: ±310.
  const QuantileRanks r = ranks(100000, 0.5);
  EXPECT_NEAR(static_cast<double>(r.low), 50000 - 310, 2);
  EXPECT_NEAR(static_cast<double>(r.high), 50000 + 310, 3);
}

TEST(QuantileIntervalTest, RefusesBadArguments) {
  EXPECT_FALSE(quantile_rank_interval(10, 0).ok());
  EXPECT_FALSE(quantile_rank_interval(10, 1).ok());
  EXPECT_FALSE(quantile_rank_interval(10, std::nan("")).ok());
  EXPECT_FALSE(quantile_rank_interval(10, 0.5, 1).ok());
}

}  // namespace
}  // namespace gauntlet::stats
