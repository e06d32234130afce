#include "gauntlet/harness/stats/noise_interval.h"

#include "gauntlet/harness/stats/location_shift.h"

#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace gauntlet::stats {

double noise_quantile(double p, double tail_df) {
  const boost::math::normal normal;
  if (!std::isfinite(tail_df)) return boost::math::quantile(normal, p);
  const boost::math::students_t t(tail_df);
  return boost::math::quantile(t, p) * boost::math::quantile(normal, 0.75) / boost::math::quantile(t, 0.75);
}

double robust_log_sigma(std::span<const double> run_medians, double quantile) {
  if (run_medians.size() < 2 || !(quantile > 0 && quantile < 1)) return std::numeric_limits<double>::quiet_NaN();
  std::vector<double> steps;
  steps.reserve(run_medians.size() - 1);
  for (std::size_t i = 0; i < run_medians.size(); ++i) {
    if (!(run_medians[i] > 0)) return std::numeric_limits<double>::quiet_NaN();
    if (i > 0) steps.push_back(std::fabs(std::log(run_medians[i]) - std::log(run_medians[i - 1])));
  }
  std::sort(steps.begin(), steps.end());
  // Quantile of the steps (R's type 7); a step of two runs is N(0, 2 sigma^2)
  // for normal run effects, whose |.| has quantile q at sqrt(2) z((1 + q) / 2).
  const double pos = quantile * static_cast<double>(steps.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(pos));
  const std::size_t hi = std::min(lo + 1, steps.size() - 1);
  const double q = steps[lo] + (pos - static_cast<double>(lo)) * (steps[hi] - steps[lo]);
  return q / (std::sqrt(2.0) * boost::math::quantile(boost::math::normal(), (1.0 + quantile) / 2.0));
}

RatioInterval widen_ratio_interval(const RatioInterval& within, double sigma, double confidence, double tail_df) {
  if (!(sigma > 0) || !(within.estimate > 0)) return within;
  const double spread = noise_quantile((1.0 + confidence) / 2.0, tail_df) * sigma;
  const double centre = std::log(within.estimate);
  // direction -1 widens the lower bound, +1 the upper; 0 and infinity stay.
  auto widen = [&](double bound, double direction) {
    if (!(bound > 0) || !std::isfinite(bound)) return bound;
    const double w = std::fabs(std::log(bound) - centre);
    return std::exp(centre + direction * std::sqrt(w * w + spread * spread));
  };
  RatioInterval out = within;
  out.low = widen(within.low, -1.0);
  out.high = widen(within.high, 1.0);
  return out;
}

}  // namespace gauntlet::stats
