#pragma once
/// Mann-Whitney U test (Wilcoxon rank-sum) for two independent samples.
#include "gauntlet/harness/error.h"

#include <span>

namespace gauntlet::stats {

/// Which difference the test looks for, stated for the first sample `x`
/// against the second `y`: kGreater means "x tends to be larger than y".
enum class Alternative { kTwoSided, kLess, kGreater };

struct MannWhitneyResult {
  double u = 0;        ///< U of `x`: pairs with x > y, plus half the ties
  double p_value = 1;  ///< for the requested alternative
  bool exact = false;  ///< exact null distribution (no ties, both n < 50)
  double z = 0;        ///< normal-approximation z (0 when exact)
};

/// Runs the test. Exact when both samples are smaller than 50 and there are
/// no ties (as R's wilcox.test), otherwise the normal approximation with tie
/// correction and continuity correction. Errors: kInvalidArgument when a
/// sample is empty or holds a NaN.
Result<MannWhitneyResult> mann_whitney_u(std::span<const double> x, std::span<const double> y,
                                         Alternative alternative = Alternative::kTwoSided);

/// Smallest two-sided p-value any data could reach with these sample sizes
/// under the exact test: 2 / C(n1+n2, n1). Above alpha means no difference
/// can ever be called significant.
double mann_whitney_min_p_value(std::size_t n1, std::size_t n2);

}  // namespace gauntlet::stats
