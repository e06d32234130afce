#pragma once
/// Between-run noise: its robust scale from a series of run medians, its
/// heavy-tailed quantiles, and the widening of a ratio interval by it.
///
/// Noise model: the log of a run's median is the code's speed plus a run
/// effect (the process's layout, the machine's mood while it ran). Run
/// effects have a scale sigma and heavy tails: Student's t with `tail_df`
/// degrees of freedom, rescaled so that its median absolute deviation equals
/// a normal's with standard deviation sigma (so a robust sigma estimate and
/// the tail shape are separate knobs).
#include "gauntlet/harness/stats/bootstrap.h"

#include <span>

namespace gauntlet::stats {

/// Quantile `p` (in (0, 1)) of the standardised noise distribution: t with
/// `tail_df` degrees of freedom (> 0; infinity gives the normal) times
/// z(0.75) / t(0.75). Example: p = 0.975, df = 3 gives 2.81 (normal: 1.96).
double noise_quantile(double p, double tail_df);

/// Robust sigma of a series of run medians, in log units (relative): from
/// the successive differences d of their logs, the `quantile` of |d| scaled
/// to a normal's sigma (|d| of two normal runs has quantile q at
/// sqrt(2) z((1 + q) / 2) sigma; q = 0.5 gives 1.4826 median |d| / sqrt(2)).
/// A step in the series (a real change) adds one difference; contaminated
/// runs add two each, so the estimate ignores them while they make less
/// than 1 - quantile of the differences (a quarter of the runs at q = 0.5,
/// an eighth at 0.75), while a recurring slow mode more common than that
/// (e.g. a process layout that one run in four draws) counts as noise.
/// NaN for fewer than two values, a non-positive value or quantile outside
/// (0, 1).
double robust_log_sigma(std::span<const double> run_medians, double quantile = 0.75);

/// Widens `within` (an interval of a ratio from the repetitions the two runs
/// hold) by between-run noise of log-scale `sigma` (of the ratio, i.e. both
/// runs' effects combined): in log space each half-width w becomes
/// sqrt(w^2 + (q * sigma)^2) with q = noise_quantile((1 + confidence) / 2,
/// tail_df). The estimate is kept; sigma 0 returns `within` unchanged, and
/// infinite bounds stay infinite.
RatioInterval widen_ratio_interval(const RatioInterval& within, double sigma, double confidence, double tail_df);

}  // namespace gauntlet::stats
