#pragma once
/// Corrections for testing many hypotheses at once.
#include <span>
#include <vector>

namespace gauntlet::stats {

/// Benjamini-Hochberg adjusted p-values (as R's p.adjust(p, "BH")), in the
/// input order. Reject hypothesis i at false discovery rate q when
/// adjusted[i] <= q. NaN inputs stay NaN and do not count towards m.
std::vector<double> benjamini_hochberg(std::span<const double> p_values);

}  // namespace gauntlet::stats
