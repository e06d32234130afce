#include "gauntlet/harness/stats/signed_rank.h"

#include "gauntlet/harness/stats/location_shift.h"

#include <boost/math/distributions/normal.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace gauntlet::stats {
namespace {

constexpr std::size_t kExactLimit = 50;
constexpr double kInf = std::numeric_limits<double>::infinity();

Status check(std::span<const double> d) {
  if (d.empty()) return Error(ErrorCode::kInvalidArgument, "signed rank: no differences");
  for (double v : d)
    if (std::isnan(v)) return Error(ErrorCode::kInvalidArgument, "signed rank: a difference is NaN");
  return Status::Ok();
}

// P(W+ <= w) for w = 0 .. n(n+1)/2 under H0 (no ties): subset sums of 1..n.
std::vector<double> exact_cdf(std::size_t n) {
  const std::size_t top = n * (n + 1) / 2;
  std::vector<double> count(top + 1, 0.0);
  count[0] = 1.0;
  for (std::size_t r = 1; r <= n; ++r)
    for (std::size_t s = top; s >= r; --s) count[s] += count[s - r];
  const double total = std::ldexp(1.0, static_cast<int>(n));
  double run = 0;
  for (double& c : count) {
    run += c;
    c = run / total;
  }
  return count;
}

double normal_cdf(double z) { return boost::math::cdf(boost::math::normal(), z); }
double normal_quantile(double p) { return boost::math::quantile(boost::math::normal(), p); }

}  // namespace

Result<SignedRankResult> wilcoxon_signed_rank(std::span<const double> differences) {
  if (Status s = check(differences); !s.ok()) return s.error();
  std::vector<double> mags;
  std::vector<bool> positive;
  for (double v : differences)
    if (v != 0) {
      mags.push_back(std::fabs(v));
      positive.push_back(v > 0);
    }
  SignedRankResult out;
  const std::size_t n = mags.size();
  if (n == 0) return out;
  std::vector<std::size_t> order(n);
  for (std::size_t i = 0; i < n; ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return mags[a] < mags[b]; });
  double tie_term = 0;
  for (std::size_t i = 0; i < n;) {
    std::size_t j = i;
    while (j + 1 < n && mags[order[j + 1]] == mags[order[i]]) ++j;
    const double rank = (static_cast<double>(i + 1) + static_cast<double>(j + 1)) / 2.0;
    for (std::size_t k = i; k <= j; ++k)
      if (positive[order[k]]) out.w_plus += rank;
    const double t = static_cast<double>(j - i + 1);
    tie_term += t * t * t - t;
    i = j + 1;
  }
  const bool zeros = n != differences.size();
  const double nn = static_cast<double>(n);
  const double mean = nn * (nn + 1) / 4.0;
  if (n <= kExactLimit && tie_term == 0 && !zeros) {
    const std::vector<double> cdf = exact_cdf(n);
    const auto w = static_cast<std::size_t>(out.w_plus);
    const double lower = cdf[w];
    const double upper = 1.0 - (w == 0 ? 0.0 : cdf[w - 1]);
    out.p_value = std::min(1.0, 2.0 * std::min(lower, upper));
    out.exact = true;
    return out;
  }
  const double var = nn * (nn + 1) * (2 * nn + 1) / 24.0 - tie_term / 48.0;
  if (!(var > 0)) return out;
  const double dev = out.w_plus - mean;
  const double z = (std::fabs(dev) - 0.5) / std::sqrt(var);
  out.p_value = std::min(1.0, 2.0 * (1.0 - normal_cdf(std::max(0.0, z))));
  return out;
}

Result<CentreInterval> signed_rank_interval(std::span<const double> differences, double confidence) {
  if (Status s = check(differences); !s.ok()) return s.error();
  if (!(confidence > 0 && confidence < 1))
    return Error(ErrorCode::kInvalidArgument, "signed rank: confidence must lie in (0, 1)");
  const std::size_t n = differences.size();
  std::vector<double> walsh;
  walsh.reserve(n * (n + 1) / 2);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i; j < n; ++j) walsh.push_back((differences[i] + differences[j]) / 2.0);
  std::sort(walsh.begin(), walsh.end());
  CentreInterval out;
  out.estimate = median(walsh);
  const std::size_t m = walsh.size();
  const double half_alpha = (1.0 - confidence) / 2.0;
  // k: the largest count with P(W+ <= k - 1) <= alpha / 2; bounds are the
  // k-th smallest and k-th largest Walsh averages.
  std::size_t k = 0;
  if (n <= kExactLimit) {
    const std::vector<double> cdf = exact_cdf(n);
    while (k < cdf.size() && cdf[k] <= half_alpha) ++k;
  } else {
    const double nn = static_cast<double>(n);
    const double sd = std::sqrt(nn * (nn + 1) * (2 * nn + 1) / 24.0);
    const double c = nn * (nn + 1) / 4.0 - normal_quantile(1.0 - half_alpha) * sd;
    k = c > 0 ? static_cast<std::size_t>(std::floor(c)) : 0;
  }
  if (k == 0) {
    out.low = -kInf;
    out.high = kInf;
    return out;
  }
  k = std::min(k, (m + 1) / 2);
  out.low = walsh[k - 1];
  out.high = walsh[m - k];
  return out;
}

}  // namespace gauntlet::stats
