#include "gauntlet/harness/stats/location_shift.h"
#include "gauntlet/harness/stats/multiple_testing.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

namespace gauntlet::stats {
namespace {

TEST(LocationShiftTest, MedianOddEvenEmpty) {
  std::vector<double> odd{5, 1, 3}, even{4, 1, 3, 2}, none;
  EXPECT_DOUBLE_EQ(median(odd), 3.0);
  EXPECT_DOUBLE_EQ(median(even), 2.5);
  EXPECT_TRUE(std::isnan(median(none)));
}

TEST(LocationShiftTest, MadSigma) {
  // Deviations from the median 3: {2, 1, 0, 1, 7} -> median 1 -> 1.4826.
  std::vector<double> v{1, 2, 3, 4, 10};
  EXPECT_NEAR(mad_sigma(v), 1.4826, 1e-12);
}

TEST(LocationShiftTest, SuccessiveDifferenceSigmaSeesAMinorityMode) {
  // Two levels, 10 and 13, the second a minority: MAD calls it no spread.
  std::vector<double> bimodal{10, 10, 13, 10, 10, 13, 10, 10, 10, 13};
  EXPECT_DOUBLE_EQ(mad_sigma(bimodal), 0.0);
  // Differences: 0, 3, 3, 0, 3, 3, 0, 0, 3 -> 5 * 9 / (2 * 9) = 2.5 -> sqrt(2.5).
  EXPECT_NEAR(successive_difference_sigma(bimodal), std::sqrt(2.5), 1e-12);
  // One step of 5 in 10 values: one difference, sqrt(25 / 18).
  std::vector<double> step{10, 10, 10, 10, 10, 15, 15, 15, 15, 15};
  EXPECT_NEAR(successive_difference_sigma(step), std::sqrt(25.0 / 18.0), 1e-12);
  std::vector<double> one{4};
  EXPECT_TRUE(std::isnan(successive_difference_sigma(one)));
}

// R: wilcox.test(y, x, conf.int = TRUE)$estimate on R's ?wilcox.test example
// is the median of the 50 pairwise differences y_j - x_i; enumerated: -0.305.
TEST(LocationShiftTest, HodgesLehmannMatchesPairwiseMedian) {
  std::vector<double> x{0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46};
  std::vector<double> y{1.15, 0.88, 0.90, 0.74, 1.21};
  EXPECT_NEAR(hodges_lehmann_shift(x, y), -0.305, 1e-12);
}

TEST(LocationShiftTest, HodgesLehmannOfPureShift) {
  std::vector<double> x{10, 11, 12, 13, 14}, y{13, 14, 15, 16, 17};
  EXPECT_DOUBLE_EQ(hodges_lehmann_shift(x, y), 3.0);
}

// p.adjust(c(0.005, 0.009, 0.019, 0.022, 0.051, 0.101, 0.361, 0.387), "BH"),
// by hand: min over j >= i of p_(j) * 8 / j.
TEST(BenjaminiHochbergTest, MatchesHandComputation) {
  std::vector<double> p{0.005, 0.009, 0.019, 0.022, 0.051, 0.101, 0.361, 0.387};
  std::vector<double> expected{0.036, 0.036, 0.044, 0.044, 0.0816, 0.1346666667, 0.387, 0.387};
  auto adj = benjamini_hochberg(p);
  ASSERT_EQ(adj.size(), expected.size());
  for (std::size_t i = 0; i < p.size(); ++i) EXPECT_NEAR(adj[i], expected[i], 1e-9) << i;
}

TEST(BenjaminiHochbergTest, KeepsInputOrderAndSkipsNaN) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  std::vector<double> p{0.04, nan, 0.01};
  auto adj = benjamini_hochberg(p);
  EXPECT_NEAR(adj[0], 0.04, 1e-12);
  EXPECT_TRUE(std::isnan(adj[1]));
  EXPECT_NEAR(adj[2], 0.02, 1e-12);
}

}  // namespace
}  // namespace gauntlet::stats
