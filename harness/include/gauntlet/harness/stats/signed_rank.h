#pragma once
/// Wilcoxon signed-rank test and its interval (Hodges-Lehmann pseudo-median)
/// for paired differences, e.g. log(candidate / baseline) per interleaved round.
#include "gauntlet/harness/error.h"

#include <span>

namespace gauntlet::stats {

struct SignedRankResult {
  double w_plus = 0;   ///< sum of the ranks of positive differences (zeros dropped)
  double p_value = 1;  ///< two-sided
  bool exact = false;  ///< exact null distribution (no zeros or tied |d|, n <= 50)
};

/// Two-sided test that the differences are centred on zero. Exact when there
/// are at most 50 differences, none zero and no tied magnitudes; otherwise
/// the normal approximation with tie and continuity correction (as R's
/// wilcox.test). Zeros are dropped (Wilcoxon's convention); all zeros give
/// p = 1. Errors: kInvalidArgument for no differences or a NaN.
Result<SignedRankResult> wilcoxon_signed_rank(std::span<const double> differences);

struct CentreInterval {
  double estimate = 0;  ///< Hodges-Lehmann: median of the Walsh averages (d_i + d_j) / 2, i <= j
  double low = 0;       ///< distribution-free bound from the signed-rank null distribution
  double high = 0;
};

/// Confidence interval of the centre of symmetric paired differences: order
/// statistics k and M + 1 - k of the M = n(n+1)/2 Walsh averages, k from the
/// exact signed-rank distribution (n <= 50) or its normal approximation.
/// When n is too small for the confidence asked (2^-n > (1 - confidence)/2)
/// the bounds are -inf and +inf. Errors: kInvalidArgument for no
/// differences, a NaN, or confidence outside (0, 1).
Result<CentreInterval> signed_rank_interval(std::span<const double> differences, double confidence);

}  // namespace gauntlet::stats
