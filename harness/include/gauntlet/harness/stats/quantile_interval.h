#pragma once
/// Distribution-free confidence interval of a quantile from order statistics:
/// the ranks of the sorted sample that bracket the true quantile.
#include "gauntlet/harness/error.h"

#include <cstdint>

namespace gauntlet::stats {

/// 1-based ranks into a sample sorted ascending; 0 on a side means no order
/// statistic bounds the quantile there (the bound is -inf or +inf).
struct QuantileRanks {
  std::uint64_t low = 0;   ///< x_(low) is the lower bound; 0: unbounded below
  std::uint64_t high = 0;  ///< x_(high) is the upper bound; 0: unbounded above
};

/// Ranks l and u of a `confidence` interval of the q-quantile of `n`
/// independent samples of a continuous distribution: with B ~ Binomial(n, q)
/// the number of samples below the true quantile, l is the largest rank with
/// P(B < l) <= (1 - confidence) / 2 and u the smallest with P(B >= u) <=
/// (1 - confidence) / 2, so P(x_(l) <= quantile < x_(u)) >= confidence (exact
/// binomial sums, no normal approximation). Example: n = 1000, q = 0.99 gives
/// l = 983, u = 997 at 95%; n = 20, q = 0.99 has no upper rank (0.99^20 > 2.5%).
/// Errors: kInvalidArgument for q or confidence outside (0, 1) or NaN.
Result<QuantileRanks> quantile_rank_interval(std::uint64_t n, double q, double confidence = 0.95);

}  // namespace gauntlet::stats
