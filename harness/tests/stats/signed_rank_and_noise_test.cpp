#include "gauntlet/harness/stats/noise_interval.h"
#include "gauntlet/harness/stats/signed_rank.h"

#include <gtest/gtest.h>

#include "gauntlet/harness/testing/status_matchers.h"

#include <cmath>
#include <limits>
#include <vector>

namespace gauntlet::stats {
namespace {

// R's ?wilcox.test depression example, x - y (paired): V = 40, p = 0.03906,
// pseudo-median 0.46, 95% interval [0.010, 0.786].
const std::vector<double> kDepression{1.83 - 0.878, 0.50 - 0.647, 1.62 - 0.598, 2.48 - 2.05, 1.68 - 1.06,
                                      1.88 - 1.29,  1.55 - 1.06,  3.06 - 3.14,  1.30 - 1.29};

TEST(SignedRankTest, MatchesRExactly) {
  auto r = wilcoxon_signed_rank(kDepression);
  ASSERT_TRUE(r.ok());
  EXPECT_DOUBLE_EQ(r->w_plus, 40.0);
  EXPECT_NEAR(r->p_value, 0.0390625, 1e-12);
  EXPECT_TRUE(r->exact);
  auto ci = signed_rank_interval(kDepression, 0.95);
  ASSERT_TRUE(ci.ok());
  EXPECT_NEAR(ci->estimate, 0.46, 1e-12);
  EXPECT_NEAR(ci->low, 0.010, 1e-12);
  EXPECT_NEAR(ci->high, 0.786, 1e-12);
}

TEST(SignedRankTest, TooFewDifferencesGiveAnUnboundedInterval) {
  // n = 5: P(W+ = 0) = 1/32 > 0.025, no finite 95% interval exists.
  std::vector<double> five{0.1, 0.2, 0.3, 0.4, 0.5};
  auto ci = signed_rank_interval(five, 0.95);
  ASSERT_TRUE(ci.ok());
  EXPECT_TRUE(std::isinf(ci->low) && ci->low < 0);
  EXPECT_TRUE(std::isinf(ci->high) && ci->high > 0);
  // n = 6: 1/64 <= 0.025, so the interval is [min, max].
  std::vector<double> six{-0.3, 0.1, 0.2, 0.3, 0.4, 0.5};
  ci = signed_rank_interval(six, 0.95);
  ASSERT_TRUE(ci.ok());
  EXPECT_DOUBLE_EQ(ci->low, -0.3);
  EXPECT_DOUBLE_EQ(ci->high, 0.5);
}

TEST(SignedRankTest, TiesAndZerosUseTheNormalApproximation) {
  std::vector<double> d{0, 0.5, 0.5, -0.5, 1, 1, 2, 3, 0.5};
  auto r = wilcoxon_signed_rank(d);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->exact);
  EXPECT_GT(r->p_value, 0.0);
  EXPECT_LT(r->p_value, 0.1);
  std::vector<double> zeros{0, 0, 0};
  EXPECT_DOUBLE_EQ(wilcoxon_signed_rank(zeros)->p_value, 1.0);
}

TEST(SignedRankTest, RejectsBadInput) {
  std::vector<double> none, nan{1.0, std::nan("")};
  EXPECT_THAT(wilcoxon_signed_rank(none), matchers::StatusIs(ErrorCode::kInvalidArgument));
  EXPECT_THAT(wilcoxon_signed_rank(nan), matchers::StatusIs(ErrorCode::kInvalidArgument));
  EXPECT_THAT(signed_rank_interval(kDepression, 1.0), matchers::StatusIs(ErrorCode::kInvalidArgument));
}

TEST(SignedRankTest, LargeSamplesUseTheNormalApproximationForTheInterval) {
  std::vector<double> d;
  for (int i = 0; i < 80; ++i) d.push_back(0.01 * ((i * 37) % 80 - 40) + 0.05);
  auto ci = signed_rank_interval(d, 0.95);
  ASSERT_TRUE(ci.ok());
  EXPECT_LT(ci->low, ci->estimate);
  EXPECT_GT(ci->high, ci->estimate);
  EXPECT_LT(ci->low, 0.05);
  EXPECT_GT(ci->high, 0.05);
}

TEST(NoiseIntervalTest, QuantileIsHeavierTailedThanNormalAndMatchesItInTheLimit) {
  const double inf = std::numeric_limits<double>::infinity();
  EXPECT_NEAR(noise_quantile(0.975, inf), 1.959964, 1e-5);
  EXPECT_NEAR(noise_quantile(0.75, 3.0), 0.674490, 1e-5);  // same MAD as the normal
  // t3: 3.182446 * 0.674490 / 0.764892.
  EXPECT_NEAR(noise_quantile(0.975, 3.0), 3.182446 * 0.674490 / 0.764892, 1e-4);
  EXPECT_GT(noise_quantile(0.995, 3.0), noise_quantile(0.995, inf));
}

TEST(NoiseIntervalTest, RobustSigmaIgnoresAStepAndAMinorityOfBadRuns) {
  // Alternating 100 / 101: every step is log(1.01).
  std::vector<double> steady{100, 101, 100, 101, 100, 101, 100, 101};
  const double at_median = 1.4826 * std::log(1.01) / std::sqrt(2.0);
  const double at_q75 = std::log(1.01) / (std::sqrt(2.0) * 1.150349);
  EXPECT_NEAR(robust_log_sigma(steady, 0.5), at_median, 1e-5);
  EXPECT_NEAR(robust_log_sigma(steady), at_q75, 1e-6);
  // A 30% step in the middle adds one difference: unchanged.
  std::vector<double> step{100, 101, 100, 101, 130, 131.3, 130, 131.3, 130};
  EXPECT_NEAR(robust_log_sigma(step), at_q75, 1e-6);
  // One contaminated run (twice as slow) in 12 adds two large differences.
  std::vector<double> one_bad{100, 101, 100, 101, 100, 101, 100, 101, 200, 101, 100, 101};
  EXPECT_NEAR(robust_log_sigma(one_bad), at_q75, 1e-6);
  // Two in 12: still ignored at the median, not at the 75th percentile.
  std::vector<double> two_bad{100, 101, 200, 101, 100, 101, 100, 101, 200, 101, 100, 101};
  EXPECT_NEAR(robust_log_sigma(two_bad, 0.5), at_median, 1e-5);
  EXPECT_GT(robust_log_sigma(two_bad), 0.1);
  std::vector<double> one{100}, bad{100, 0};
  EXPECT_TRUE(std::isnan(robust_log_sigma(one)));
  EXPECT_TRUE(std::isnan(robust_log_sigma(bad)));
  EXPECT_TRUE(std::isnan(robust_log_sigma(steady, 1.0)));
}

TEST(NoiseIntervalTest, RobustSigmaSeesASlowModeOneRunInFourDraws) {
  // Every fourth run 6% slower (a layout effect each process draws): noise
  // that recurs, so the default quantile must see it; the median does not.
  std::vector<double> modes;
  for (int i = 0; i < 20; ++i) modes.push_back(i % 4 == 3 ? 106 : 100);
  EXPECT_LT(robust_log_sigma(modes, 0.5), 0.001);
  EXPECT_GT(robust_log_sigma(modes), 0.02);
}

TEST(NoiseIntervalTest, WideningAddsNoiseInQuadratureInLogSpace) {
  const RatioInterval within{1.10, 1.08, 1.12};
  const double inf = std::numeric_limits<double>::infinity();
  const RatioInterval same = widen_ratio_interval(within, 0.0, 0.95, 3.0);
  EXPECT_DOUBLE_EQ(same.low, within.low);
  EXPECT_DOUBLE_EQ(same.high, within.high);
  const RatioInterval wide = widen_ratio_interval(within, 0.03, 0.95, inf);
  const double spread = 1.959964 * 0.03;
  const double lo = std::log(1.10) - std::log(1.08), hi = std::log(1.12) - std::log(1.10);
  EXPECT_NEAR(wide.low, 1.10 * std::exp(-std::sqrt(lo * lo + spread * spread)), 1e-6);
  EXPECT_NEAR(wide.high, 1.10 * std::exp(std::sqrt(hi * hi + spread * spread)), 1e-6);
  EXPECT_DOUBLE_EQ(wide.estimate, 1.10);
  const RatioInterval open = widen_ratio_interval({1.0, 0.0, inf}, 0.03, 0.95, 3.0);
  EXPECT_EQ(open.low, 0.0);
  EXPECT_TRUE(std::isinf(open.high));
}

}  // namespace
}  // namespace gauntlet::stats
