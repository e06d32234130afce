#include "gauntlet/harness/stats/mann_whitney.h"

#include <boost/math/distributions/normal.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

namespace gauntlet::stats {
namespace {

constexpr std::size_t kExactLimit = 50;

struct Ranked {
  double rank_sum_x = 0;
  double tie_term = 0;  // sum over tie groups of t^3 - t
  bool has_ties = false;
};

Ranked rank_samples(std::span<const double> x, std::span<const double> y) {
  std::vector<std::pair<double, bool>> all;  // value, belongs to x
  all.reserve(x.size() + y.size());
  for (double v : x) all.emplace_back(v, true);
  for (double v : y) all.emplace_back(v, false);
  std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  Ranked out;
  std::size_t i = 0;
  while (i < all.size()) {
    std::size_t j = i;
    while (j + 1 < all.size() && all[j + 1].first == all[i].first) ++j;
    const double t = static_cast<double>(j - i + 1);
    const double avg_rank = (static_cast<double>(i + 1) + static_cast<double>(j + 1)) / 2.0;
    for (std::size_t k = i; k <= j; ++k)
      if (all[k].second) out.rank_sum_x += avg_rank;
    if (t > 1) {
      out.has_ties = true;
      out.tie_term += t * t * t - t;
    }
    i = j + 1;
  }
  return out;
}

// P(U = u) for sample sizes (m, n) under H0, by the probability recursion
// p(m,n,u) = m/(m+n) p(m-1,n,u-n) + n/(m+n) p(m,n-1,u).
std::vector<double> exact_u_distribution(std::size_t m, std::size_t n) {
  // prev[j] holds the distribution for (i-1, j); cur[j] for (i, j).
  std::vector<std::vector<double>> prev(n + 1, std::vector<double>{1.0});
  for (std::size_t i = 1; i <= m; ++i) {
    std::vector<std::vector<double>> cur(n + 1);
    cur[0] = {1.0};
    for (std::size_t j = 1; j <= n; ++j) {
      std::vector<double> dist(i * j + 1, 0.0);
      const double wa = static_cast<double>(i) / static_cast<double>(i + j);
      const double wb = static_cast<double>(j) / static_cast<double>(i + j);
      const auto& a = prev[j];     // (i-1, j), shifted by j
      const auto& b = cur[j - 1];  // (i, j-1)
      for (std::size_t u = 0; u < a.size(); ++u) dist[u + j] += wa * a[u];
      for (std::size_t u = 0; u < b.size(); ++u) dist[u] += wb * b[u];
      cur[j] = std::move(dist);
    }
    prev = std::move(cur);
  }
  return prev[n];
}

bool has_nan(std::span<const double> v) {
  return std::any_of(v.begin(), v.end(), [](double d) { return std::isnan(d); });
}

}  // namespace

Result<MannWhitneyResult> mann_whitney_u(std::span<const double> x, std::span<const double> y,
                                         Alternative alternative) {
  if (x.empty() || y.empty())
    return Error(ErrorCode::kInvalidArgument, "mann_whitney_u: both samples need at least one value");
  if (has_nan(x) || has_nan(y)) return Error(ErrorCode::kInvalidArgument, "mann_whitney_u: sample holds NaN");
  const double n1 = static_cast<double>(x.size());
  const double n2 = static_cast<double>(y.size());
  const Ranked r = rank_samples(x, y);
  MannWhitneyResult out;
  out.u = r.rank_sum_x - n1 * (n1 + 1) / 2.0;

  if (x.size() < kExactLimit && y.size() < kExactLimit && !r.has_ties) {
    out.exact = true;
    const std::vector<double> dist = exact_u_distribution(x.size(), y.size());
    const auto u = static_cast<std::size_t>(std::llround(out.u));
    const double p_le = std::accumulate(dist.begin(), dist.begin() + static_cast<std::ptrdiff_t>(u) + 1, 0.0);
    const double p_ge = std::accumulate(dist.begin() + static_cast<std::ptrdiff_t>(u), dist.end(), 0.0);
    switch (alternative) {
      case Alternative::kGreater:
        out.p_value = p_ge;
        break;
      case Alternative::kLess:
        out.p_value = p_le;
        break;
      case Alternative::kTwoSided:
        out.p_value = 2.0 * (out.u > n1 * n2 / 2.0 ? p_ge : p_le);
        break;
    }
    out.p_value = std::clamp(out.p_value, 0.0, 1.0);
    return out;
  }

  const double n = n1 + n2;
  const double sigma = std::sqrt(n1 * n2 / 12.0 * ((n + 1) - r.tie_term / (n * (n - 1))));
  if (!(sigma > 0)) {
    out.p_value = 1.0;
    return out;
  }
  double z = out.u - n1 * n2 / 2.0;
  double correction = 0;
  switch (alternative) {
    case Alternative::kTwoSided:
      correction = z > 0 ? 0.5 : (z < 0 ? -0.5 : 0.0);
      break;
    case Alternative::kGreater:
      correction = 0.5;
      break;
    case Alternative::kLess:
      correction = -0.5;
      break;
  }
  z = (z - correction) / sigma;
  out.z = z;
  const boost::math::normal_distribution<double> normal;
  switch (alternative) {
    case Alternative::kTwoSided:
      out.p_value = 2.0 * std::min(boost::math::cdf(normal, z), boost::math::cdf(boost::math::complement(normal, z)));
      break;
    case Alternative::kGreater:
      out.p_value = boost::math::cdf(boost::math::complement(normal, z));
      break;
    case Alternative::kLess:
      out.p_value = boost::math::cdf(normal, z);
      break;
  }
  out.p_value = std::clamp(out.p_value, 0.0, 1.0);
  return out;
}

double mann_whitney_min_p_value(std::size_t n1, std::size_t n2) {
  if (n1 == 0 || n2 == 0) return 1.0;
  const double log_choose = std::lgamma(static_cast<double>(n1 + n2 + 1)) - std::lgamma(static_cast<double>(n1 + 1)) -
                            std::lgamma(static_cast<double>(n2 + 1));
  return std::min(1.0, 2.0 * std::exp(-log_choose));
}

}  // namespace gauntlet::stats
