// Sample quality of each benchmark in a run: samples, dispersion, and a
// distribution-free interval of the median, graded none / poor / fair / good.
#include "gauntlet/ci/gate.h"

#include "gauntlet/harness/stats/location_shift.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

namespace gauntlet::ci {
using records::BenchmarkQuality;
using records::QualityGrade;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

// 1-based rank k of the lower bound of a 95% interval of the median: the
// largest k with P(Binomial(n, 1/2) <= k - 1) <= 2.5% (exact up to n = 1000,
// the normal approximation beyond); 0 when no order statistic bounds it.
std::size_t median_rank(std::size_t n) {
  if (n > 1000) {
    const double k = std::floor(n / 2.0 - 1.959964 * std::sqrt(static_cast<double>(n)) / 2.0);
    return k < 1 ? 0 : static_cast<std::size_t>(k);
  }
  double cdf = 0;
  std::size_t k = 0;
  for (std::size_t j = 0; j < n; ++j) {
    const double log_pmf = std::lgamma(n + 1.0) - std::lgamma(j + 1.0) - std::lgamma(n - j + 1.0) - n * std::log(2.0);
    cdf += std::exp(log_pmf);  // P(X <= j)
    if (cdf > 0.025) break;
    k = j + 1;  // P(X <= k - 1) <= 2.5%
  }
  return k;
}

QualityGrade grade_of(std::size_t n, double halfwidth) {
  if (n == 0) return QualityGrade::kNone;
  if (n >= 10 && halfwidth <= 0.01) return QualityGrade::kGood;
  if (n >= 6 && halfwidth <= 0.05) return QualityGrade::kFair;
  return QualityGrade::kPoor;
}

}  // namespace

BenchmarkQuality assess_quality(const std::string& name, const MetricSamples& s) {
  BenchmarkQuality q;
  q.name = name;
  q.samples = s.aggregates_only ? 0 : s.values.size();
  q.rounds = std::max<std::size_t>(1, std::set<int>(s.rounds.begin(), s.rounds.end()).size());
  q.median = q.samples > 0 ? stats::median(s.values) : kNaN;
  q.dispersion = q.samples > 0 ? stats::mad_sigma(s.values) / q.median : kNaN;
  q.median_low = q.median_high = kNaN;
  q.interval_halfwidth = kInf;
  if (const std::size_t k = median_rank(q.samples); k >= 1 && q.median > 0) {
    std::vector<double> sorted = s.values;
    std::sort(sorted.begin(), sorted.end());
    q.median_low = sorted[k - 1];
    q.median_high = sorted[q.samples - k];
    q.interval_halfwidth = std::max(q.median - q.median_low, q.median_high - q.median) / q.median;
  }
  q.grade = grade_of(q.samples, q.interval_halfwidth);
  return q;
}

std::vector<BenchmarkQuality> check_quality(const BenchmarkFile& current, const GateConfig& config) {
  std::vector<BenchmarkQuality> out;
  auto samples = extract_samples(current, config.metric);
  if (!samples.ok()) return out;  // the metric is in no row: the comparison reports that
  for (const auto& [name, s] : *samples) {
    if (config.ignored(name) || s.errored || s.skipped) continue;
    out.push_back(assess_quality(name, s));
    out.back().below_minimum = config.min_quality && out.back().grade < *config.min_quality;
  }
  return out;
}

}  // namespace gauntlet::ci
