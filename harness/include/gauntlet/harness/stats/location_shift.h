#pragma once
/// Robust location estimates: median and the Hodges-Lehmann shift.
#include <span>
#include <vector>

namespace gauntlet::stats {

/// Median of the values (mean of the middle two for an even count); NaN when empty.
double median(std::span<const double> values);

/// Median absolute deviation scaled by 1.4826 (a consistent sigma estimate for
/// normal data); NaN when empty.
double mad_sigma(std::span<const double> values);

/// Sigma from successive differences of a series (von Neumann):
/// sqrt(sum (x[i+1] - x[i])^2 / (2 (n - 1))). Unlike mad_sigma it sees a
/// minority mode (values that alternate between two levels), while one step
/// in the series adds only one difference. NaN for fewer than two values.
double successive_difference_sigma(std::span<const double> series);

/// Hodges-Lehmann estimate of the shift from `x` to `y`: the median of all
/// pairwise differences y_j - x_i. NaN when either sample is empty.
double hodges_lehmann_shift(std::span<const double> x, std::span<const double> y);

}  // namespace gauntlet::stats
