#include "gauntlet/harness/stats/mann_whitney.h"

#include <gtest/gtest.h>

#include "gauntlet/harness/testing/status_matchers.h"

#include <vector>

namespace gauntlet::stats {
namespace {

// R's own example (?wilcox.test): wilcox.test(x, y, alternative = "g") gives
// W = 35, p-value = 0.1272. Re-derived here by enumerating all C(15,5) = 3003
// splits: P(U >= 35) = 382/3003 = 0.127206, P(U <= 35) = 0.896770.
const std::vector<double> kX{0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46};
const std::vector<double> kY{1.15, 0.88, 0.90, 0.74, 1.21};

TEST(MannWhitneyTest, ExactMatchesRExampleGreater) {
  auto r = mann_whitney_u(kX, kY, Alternative::kGreater);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->exact);
  EXPECT_DOUBLE_EQ(r->u, 35.0);
  EXPECT_NEAR(r->p_value, 0.1272061272, 1e-9);
}

TEST(MannWhitneyTest, ExactTwoSidedAndLess) {
  auto two = mann_whitney_u(kX, kY);
  ASSERT_TRUE(two.ok());
  EXPECT_NEAR(two->p_value, 0.2544122544, 1e-9);
  auto less = mann_whitney_u(kX, kY, Alternative::kLess);
  ASSERT_TRUE(less.ok());
  EXPECT_NEAR(less->p_value, 0.8967698968, 1e-9);
}

TEST(MannWhitneyTest, CompletelySeparatedSamplesReachTheMinimumP) {
  std::vector<double> a{1, 2, 3, 4, 5}, b{6, 7, 8, 9, 10};
  auto r = mann_whitney_u(a, b);
  ASSERT_TRUE(r.ok());
  EXPECT_DOUBLE_EQ(r->u, 0.0);
  // 2 / C(10, 5) = 2 / 252.
  EXPECT_NEAR(r->p_value, 2.0 / 252.0, 1e-12);
  EXPECT_NEAR(mann_whitney_min_p_value(5, 5), 2.0 / 252.0, 1e-12);
  EXPECT_NEAR(mann_whitney_min_p_value(3, 3), 0.1, 1e-12);
}

// With ties R switches to the normal approximation with tie and continuity
// correction. For these samples: U = 40, tie term sum(t^3 - t) = 114,
// sigma = sqrt(144/12 * (25 - 114/552)) = 17.2413..., z = (40 - 72 + 0.5)/sigma
// = -1.829021, two-sided p = 0.0673965, one-sided (less) p = 0.0336983.
TEST(MannWhitneyTest, NormalApproximationWithTies) {
  std::vector<double> a{1, 2, 2, 3, 4, 5, 5, 5, 6, 7, 8, 9};
  std::vector<double> b{3, 4, 4, 5, 6, 7, 7, 8, 9, 9, 10, 11};
  auto r = mann_whitney_u(a, b);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->exact);
  EXPECT_DOUBLE_EQ(r->u, 40.0);
  EXPECT_NEAR(r->z, -1.8290206731, 1e-8);
  EXPECT_NEAR(r->p_value, 0.0673965113, 1e-8);
  auto less = mann_whitney_u(a, b, Alternative::kLess);
  ASSERT_TRUE(less.ok());
  EXPECT_NEAR(less->p_value, 0.0336982557, 1e-8);
}

TEST(MannWhitneyTest, IdenticalValuesGivePOne) {
  std::vector<double> a(60, 3.0), b(60, 3.0);
  auto r = mann_whitney_u(a, b);
  ASSERT_TRUE(r.ok());
  EXPECT_DOUBLE_EQ(r->p_value, 1.0);
}

TEST(MannWhitneyTest, RejectsEmptyAndNaN) {
  std::vector<double> empty, a{1, 2}, nan{1, std::numeric_limits<double>::quiet_NaN()};
  EXPECT_THAT(mann_whitney_u(empty, a), matchers::StatusIs(ErrorCode::kInvalidArgument));
  EXPECT_THAT(mann_whitney_u(a, nan), matchers::StatusIs(ErrorCode::kInvalidArgument));
}

}  // namespace
}  // namespace gauntlet::stats
