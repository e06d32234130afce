// Quantile intervals from order statistics and the sample-quality grade.
#include "phase_quality.h"

#include <gtest/gtest.h>

#include <numeric>

#include "gauntlet/chaos/hypothesis.h"

namespace gauntlet::chaos::detail {
namespace {

std::vector<Nanos> one_to(std::size_t n) {
  std::vector<Nanos> v(n);
  std::iota(v.begin(), v.end(), 1);
  return v;
}

TEST(PhaseQualityTest, IntervalsBracketTheQuantileAndNarrowWithMoreSamples) {
  const auto small = one_to(100), large = one_to(100000);
  const QuantileEstimate s = quantile_estimate(small, 0.5), l = quantile_estimate(large, 0.5);
  EXPECT_EQ(s.value, 50);
  EXPECT_LE(s.low, s.value);
  EXPECT_GE(s.high, s.value);
  EXPECT_EQ(l.value, 50000);
  // ±1.96·√(n/4) ranks: about ±10 of 100, ±310 of 100000.
  EXPECT_NEAR(static_cast<double>(s.high - s.low), 20, 3);
  EXPECT_NEAR(static_cast<double>(l.high - l.low), 620, 5);
}

TEST(PhaseQualityTest, AP99OverFewSamplesReachesTheMaximum) {
  const QuantileEstimate p99 = quantile_estimate(one_to(50), 0.99);
  EXPECT_EQ(p99.value, 50);
  EXPECT_EQ(p99.high, 50);
  EXPECT_EQ(quantile_estimate({}, 0.99).value, 0);
}

TEST(PhaseQualityTest, GradesFollowSamplesAndTheWidthOfTheP99Interval) {
  EXPECT_EQ(grade(0, {}), SampleQuality::kNone);
  const auto flat = std::vector<Nanos>(5000, 1000);  // every latency 1 µs: a zero-width interval
  EXPECT_EQ(grade(flat.size(), quantile_estimate(flat, 0.99)), SampleQuality::kGood);
  EXPECT_EQ(grade(500, quantile_estimate(std::vector<Nanos>(500, 1000), 0.99)), SampleQuality::kFair);
  EXPECT_EQ(grade(50, quantile_estimate(std::vector<Nanos>(50, 1000), 0.99)), SampleQuality::kPoor);
  // A long tail: 1000 samples whose top 2% are 10x larger leave p99's upper bound far above it.
  std::vector<Nanos> tail(1000, 1000);
  for (std::size_t i = 985; i < tail.size(); ++i) tail[i] = static_cast<Nanos>(1000 * (i - 980));
  EXPECT_NE(grade(tail.size(), quantile_estimate(tail, 0.99)), SampleQuality::kGood);
}

TEST(PhaseQualityTest, AMinQualityHypothesisJudgesThePhaseGrade) {
  RunRecord run;
  PhaseStats p;
  p.phase = "all";
  p.completed = 40;
  p.quality = SampleQuality::kPoor;
  run.phases.push_back(p);
  Verdict v = check(Hypothesis::quality_at_least("all", SampleQuality::kFair), run, FaultSchedule{});
  EXPECT_FALSE(v.holds);
  EXPECT_NE(v.evidence.find("poor over 40 requests"), std::string::npos) << v.evidence;
  run.phases[0].quality = SampleQuality::kGood;
  EXPECT_TRUE(check(Hypothesis::quality_at_least("all", SampleQuality::kFair), run, FaultSchedule{}).holds);
}

}  // namespace
}  // namespace gauntlet::chaos::detail
