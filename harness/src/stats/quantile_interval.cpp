// Order-statistic ranks bracketing a quantile, from exact binomial tail sums.
#include "gauntlet/harness/stats/quantile_interval.h"

#include <algorithm>
#include <cmath>

namespace gauntlet::stats {

Result<QuantileRanks> quantile_rank_interval(std::uint64_t n, double q, double confidence) {
  if (!(q > 0 && q < 1)) return Error(ErrorCode::kInvalidArgument, "quantile interval: q must lie in (0, 1)");
  if (!(confidence > 0 && confidence < 1))
    return Error(ErrorCode::kInvalidArgument, "quantile interval: confidence must lie in (0, 1)");
  QuantileRanks ranks;
  if (n == 0) return ranks;
  const double alpha = (1 - confidence) / 2;
  const double count = static_cast<double>(n);
  const double log_n_factorial = std::lgamma(count + 1);
  auto pmf = [&](std::uint64_t j) {  // P(B = j), B ~ Binomial(n, q)
    const double k = static_cast<double>(j);
    return std::exp(log_n_factorial - std::lgamma(k + 1) - std::lgamma(count - k + 1) + k * std::log(q) +
                    (count - k) * std::log1p(-q));
  };
  // Mass beyond 12 standard deviations (plus 40 for skewed small-variance
  // cases) from the mean is far below any alpha: sum only the window.
  const double reach = 12 * std::sqrt(count * q * (1 - q)) + 40;
  const auto lo = static_cast<std::uint64_t>(std::max(0.0, std::floor(count * q - reach)));
  const auto hi = static_cast<std::uint64_t>(std::min(count, std::ceil(count * q + reach)));

  ranks.low = lo;    // P(B < lo) is negligible, so rank lo (if any) qualifies
  double below = 0;  // P(B <= k - 1)
  for (std::uint64_t k = lo + 1; k <= n; ++k) {
    below += pmf(k - 1);
    if (below > alpha) break;
    ranks.low = k;
  }
  ranks.high = hi < n ? hi + 1 : 0;  // P(B > hi) is negligible
  double above = 0;                  // P(B >= k)
  for (std::uint64_t k = hi; k >= 1; --k) {
    above += pmf(k);
    if (above > alpha) break;
    ranks.high = k;
  }
  return ranks;
}

}  // namespace gauntlet::stats
