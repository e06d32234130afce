#pragma once
/// Option checks CLI11 lacks: its Range lets NaN through (every comparison
/// with NaN is false), so `--duration nan` would mean "forever".
#include <CLI/CLI.hpp>

namespace gauntlet::cli {

/// Accepts a finite number in [lo, hi]; "nan", "inf" and out-of-range values
/// are usage errors (exit 2) naming the bound.
CLI::Validator finite_range(double lo, double hi);

}  // namespace gauntlet::cli
