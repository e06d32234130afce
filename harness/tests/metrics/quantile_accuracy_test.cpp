// Seeded accuracy check: histogram quantiles against exact order statistics.
#include "gauntlet/harness/metrics/histogram.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

namespace gauntlet::metrics {
namespace {

constexpr double kMicro = 1e3;    // ns
constexpr double kHour = 3.6e12;  // ns
constexpr std::uint64_t kSeed = 20240611;
constexpr std::size_t kSamples = 200'000;

// Exact nearest-rank order statistic, the convention HistogramSnapshot uses.
double exact_quantile(const std::vector<double>& sorted, double q) {
  const double wanted = std::ceil(q * static_cast<double>(sorted.size()));
  const std::size_t rank = wanted < 1.0 ? 1 : static_cast<std::size_t>(wanted);
  return sorted[rank - 1];
}

void expect_accurate(std::vector<double> values, const char* data_name) {
  Histogram h;
  for (double v : values) h.record(v);
  std::sort(values.begin(), values.end());
  HistogramSnapshot s = h.snapshot();
  ASSERT_EQ(s.count, values.size());
  for (double q : {0.50, 0.95, 0.99}) {
    const double exact = exact_quantile(values, q);
    const double got = s.quantile(q);
    EXPECT_LE(std::abs(got - exact) / exact, 0.01)
        << data_name << " q=" << q << " exact=" << exact << " got=" << got
        << " (re-run: --gtest_filter=QuantileAccuracyTest.* seed " << kSeed << ")";
  }
}

TEST(QuantileAccuracyTest, LogUniformMicrosecondToHour) {
  std::mt19937_64 rng(kSeed);
  std::uniform_real_distribution<double> exponent(std::log(kMicro), std::log(kHour));
  std::vector<double> values(kSamples);
  for (double& v : values) v = std::exp(exponent(rng));
  expect_accurate(std::move(values), "log-uniform");
}

TEST(QuantileAccuracyTest, LogNormalClampedToMicrosecondToHour) {
  std::mt19937_64 rng(kSeed + 1);
  // Median 1 ms, wide spread; the rare draws outside 1 us .. 1 h are redrawn.
  std::lognormal_distribution<double> dist(std::log(1e6), 2.5);
  std::vector<double> values;
  values.reserve(kSamples);
  while (values.size() < kSamples) {
    const double v = dist(rng);
    if (v >= kMicro && v <= kHour) values.push_back(v);
  }
  expect_accurate(std::move(values), "log-normal");
}

TEST(QuantileAccuracyTest, EveryQuantileOfASweepIsWithinOnePercent) {
  std::mt19937_64 rng(kSeed + 2);
  std::uniform_real_distribution<double> exponent(std::log(kMicro), std::log(kHour));
  std::vector<double> values(20'000);
  for (double& v : values) v = std::exp(exponent(rng));
  Histogram h;
  for (double v : values) h.record(v);
  std::sort(values.begin(), values.end());
  HistogramSnapshot s = h.snapshot();
  double worst = 0.0;
  for (int i = 0; i <= 1000; ++i) {
    const double q = i / 1000.0;
    const double exact = exact_quantile(values, q);
    worst = std::max(worst, std::abs(s.quantile(q) - exact) / exact);
  }
  EXPECT_LE(worst, 1.0 / 128.0 + 1e-12) << "seed " << kSeed + 2;
}

}  // namespace
}  // namespace gauntlet::metrics
