#include "gauntlet/harness/stats/bootstrap.h"
#include "gauntlet/harness/stats/change_point.h"
#include "gauntlet/harness/stats/seeded_random.h"

#include <gtest/gtest.h>

#include "gauntlet/harness/testing/status_matchers.h"

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
  EXPECT_GT(r->low, 1.1);  // true ratio 1.2, spread +-2%
  EXPECT_LT(r->high, 1.3);
}

TEST(BootstrapTest, RejectsBadInput) {
  std::vector<double> empty, a{1, 2, 3}, zeros{0, 0, 0};
  EXPECT_THAT(bootstrap_ratio_of_medians(empty, a, {}), matchers::StatusIs(ErrorCode::kInvalidArgument));
  EXPECT_THAT(bootstrap_ratio_of_medians(zeros, a, {}), matchers::StatusIs(ErrorCode::kInvalidArgument));
  EXPECT_THAT(bootstrap_ratio_of_medians(a, a, {.resamples = 10}), matchers::StatusIs(ErrorCode::kInvalidArgument));
  EXPECT_THAT(bootstrap_ratio_of_medians(a, a, {.confidence = 1.0}), matchers::StatusIs(ErrorCode::kInvalidArgument));
}

// Four processes per side, each 5 values; one baseline process and three
// current ones run 6% slower throughout (a layout effect, not the code).
struct ProcessRuns {
  std::vector<double> values;
  std::vector<int> labels;
};
ProcessRuns processes(std::initializer_list<double> levels, std::uint64_t seed) {
  ProcessRuns out;
  int label = 0;
  for (double level : levels) {
    auto v = noisy(5, level, 0.5, seed++);
    out.values.insert(out.values.end(), v.begin(), v.end());
    out.labels.insert(out.labels.end(), v.size(), label++);
  }
  return out;
}

TEST(ClusteredBootstrapTest, ProcessLevelSpreadWidensTheInterval) {
  const ProcessRuns base = processes({100, 100, 100, 106}, 20), cur = processes({106, 106, 100, 106}, 30);
  auto plain = bootstrap_ratio_of_medians(base.values, cur.values, {.seed = 3});
  auto clustered = bootstrap_ratio_of_medians(ClusteredSample{base.values, base.labels},
                                              ClusteredSample{cur.values, cur.labels}, {.seed = 3});
  ASSERT_TRUE(plain.ok() && clustered.ok());
  EXPECT_EQ(plain->estimate, clustered->estimate);
  // Repetitions as independent samples: a confident ~6% slowdown.
  EXPECT_GT(plain->low, 1.03);
  // Processes as the unit: the same data cannot rule out no change.
  EXPECT_LE(clustered->low, 1.0);
  EXPECT_GE(clustered->high, 1.05);
}

TEST(ClusteredBootstrapTest, OneClusterPerSideIsThePlainBootstrap) {
  auto base = noisy(12, 100, 6, 40), cur = noisy(12, 103, 6, 41);
  const std::vector<int> zeros(12, 0), sevens(12, 7);
  auto plain = bootstrap_ratio_of_medians(base, cur, {.seed = 9});
  auto clustered = bootstrap_ratio_of_medians(ClusteredSample{base, zeros}, ClusteredSample{cur, sevens}, {.seed = 9});
  ASSERT_TRUE(plain.ok() && clustered.ok());
  EXPECT_EQ(plain->low, clustered->low);
  EXPECT_EQ(plain->high, clustered->high);
}

TEST(ClusteredBootstrapTest, RejectsLabelsThatDoNotMatchValues) {
  std::vector<double> a{1, 2, 3};
  std::vector<int> two{0, 1};
  std::vector<int> three{0, 1, 1};
  auto r = bootstrap_ratio_of_medians(ClusteredSample{a, two}, ClusteredSample{a, three}, {});
  ASSERT_THAT(r, matchers::StatusIs(ErrorCode::kInvalidArgument));
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
  EXPECT_THAT(detect_change_points(v, {}), matchers::StatusIs(ErrorCode::kInvalidArgument));
  std::vector<double> ok{1, 2, 3};
  EXPECT_THAT(detect_change_points(ok, {.min_segment = 1}), matchers::StatusIs(ErrorCode::kInvalidArgument));
}

}  // namespace
}  // namespace gauntlet::stats
