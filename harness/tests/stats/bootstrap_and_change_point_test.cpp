#include "gauntlet/harness/stats/bootstrap.h"
#include "gauntlet/harness/stats/change_point.h"
#include "gauntlet/harness/stats/seeded_random.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace gauntlet::stats {
namespace {

std::vector<double> noisy(std::size_t n, double centre, double spread, std::uint64_t seed) {
  SeededRandom rng(seed);
  std::vector<double> v;
  for (std::size_t i = 0; i < n; ++i) v.push_back(centre + spread * (rng.uniform() - 0.5));
  return v;
}

TEST(SeededRandomTest, SplitMix64ReferenceSequence) {
  // SplitMix64 seeded with 0: first outputs of the reference implementation.
  SeededRandom rng(0);
  EXPECT_EQ(rng.next(), 0xE220A8397B1DCDAFULL);
  EXPECT_EQ(rng.next(), 0x6E789E6AA1B965F4ULL);
}

TEST(BootstrapTest, SameSeedSameIntervalDifferentSeedDiffers) {
  auto base = noisy(20, 100, 10, 1), cur = noisy(20, 110, 10, 2);
  auto a = bootstrap_ratio_of_medians(base, cur, {.seed = 7});
  auto b = bootstrap_ratio_of_medians(base, cur, {.seed = 7});
  auto c = bootstrap_ratio_of_medians(base, cur, {.seed = 8});
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  EXPECT_EQ(a->low, b->low);
  EXPECT_EQ(a->high, b->high);
  EXPECT_TRUE(a->low != c->low || a->high != c->high);
}

TEST(BootstrapTest, IntervalBracketsEstimateAndSeparatesAClearShift) {
  auto base = noisy(30, 100, 4, 3), cur = noisy(30, 120, 4, 4);
  auto r = bootstrap_ratio_of_medians(base, cur, {.seed = 1});
  ASSERT_TRUE(r.ok());
  EXPECT_LE(r->low, r->estimate);
  EXPECT_GE(r->high, r->estimate);
  EXPECT_GT(r->low, 1.1);   // true ratio 1.2, spread +-2%
  EXPECT_LT(r->high, 1.3);
}

TEST(BootstrapTest, RejectsBadInput) {
  std::vector<double> empty, a{1, 2, 3}, zeros{0, 0, 0};
  EXPECT_EQ(bootstrap_ratio_of_medians(empty, a, {}).error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(bootstrap_ratio_of_medians(zeros, a, {}).error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(bootstrap_ratio_of_medians(a, a, {.resamples = 10}).error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(bootstrap_ratio_of_medians(a, a, {.confidence = 1.0}).error().code(), ErrorCode::kInvalidArgument);
}

TEST(ChangePointTest, FindsASingleStep) {
  auto series = noisy(40, 100, 2, 5);
  auto after = noisy(30, 120, 2, 6);
  series.insert(series.end(), after.begin(), after.end());
  auto r = detect_change_points(series, {.seed = 11});
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ((*r)[0].index, 40u);
  EXPECT_NEAR((*r)[0].mean_before, 100, 1.0);
  EXPECT_NEAR((*r)[0].mean_after, 120, 1.0);
}

TEST(ChangePointTest, FindsTwoSteps) {
  auto series = noisy(30, 100, 2, 1);
  auto up = noisy(30, 130, 2, 2), down = noisy(30, 90, 2, 3);
  series.insert(series.end(), up.begin(), up.end());
  series.insert(series.end(), down.begin(), down.end());
  auto r = detect_change_points(series, {.seed = 3});
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[0].index, 30u);
  EXPECT_EQ((*r)[1].index, 60u);
}

TEST(ChangePointTest, FlatSeriesHasNoneAndIsDeterministic) {
  auto series = noisy(60, 100, 2, 9);
  auto a = detect_change_points(series, {.seed = 4});
  auto b = detect_change_points(series, {.seed = 4});
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_TRUE(a->empty());
  EXPECT_EQ(a->size(), b->size());
}

TEST(ChangePointTest, RejectsNonFiniteAndBadOptions) {
  std::vector<double> v{1, 2, std::nan("")};
  EXPECT_EQ(detect_change_points(v, {}).error().code(), ErrorCode::kInvalidArgument);
  std::vector<double> ok{1, 2, 3};
  EXPECT_EQ(detect_change_points(ok, {.min_segment = 1}).error().code(), ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace gauntlet::stats
