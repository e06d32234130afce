#pragma once
// Quantile intervals and the sample-quality grade of a phase's latencies.
#include <vector>

#include "gauntlet/chaos/run_record.h"

namespace gauntlet::chaos::detail {

/// The q-quantile of `sorted` (ascending, nearest rank) with its 95% interval
/// from order statistics (stats::quantile_rank_interval: exact binomial
/// ranks), a side no order statistic bounds clamped to the sample's extreme.
QuantileEstimate quantile_estimate(const std::vector<Nanos>& sorted, double q);

/// kNone: no completion; kGood: ≥ 1000 samples and the p99 interval's upper
/// bound within 25% of p99; kFair: ≥ 100 samples and within 100%; else kPoor.
SampleQuality grade(std::size_t samples, const QuantileEstimate& p99);

}  // namespace gauntlet::chaos::detail
