#pragma once
// The interval of one benchmark's ratio current / baseline, before the
// verdict: how it is formed and what noise widens it (docs/gate.md, "How a
// benchmark is judged").
#include "gauntlet/ci/gate.h"

#include <optional>

namespace gauntlet::ci::detail {

struct IntervalSettings {
  bool interleaved = false;             ///< both files from one interleaved run
  double confidence = 0.95;             ///< already adjusted for sequential looks
  std::optional<double> history_sigma;  ///< history's sigma of one run (log), when it knows the benchmark
};

/// Fills ratio, ci_low/high, within_low/high, p_value, method, noise_sigma,
/// noise_source and real_cpu_* of `c` for a benchmark present on both sides.
/// Interleaved files with at least kMinPairedRounds rounds common to both
/// sides are paired by round. Otherwise the bootstrap interval (by process)
/// is widened by sigma^2 = 2 run^2 (separate runs: history's sigma, else the
/// run prior) + process^2 / P for each side of P < 3 processes (not when
/// history's sigma stands in: history's runs were processes too). For
/// real_time, a difference between the sides' real/cpu ratios (contention)
/// then stretches the interval towards no change by that much.
void estimate_interval(records::BenchmarkComparison& c, const MetricSamples& base, const MetricSamples& cur,
                       const GateConfig& config, const IntervalSettings& settings);

/// Fewest rounds common to both sides for a paired (per-round) interval.
inline constexpr std::size_t kMinPairedRounds = 6;

}  // namespace gauntlet::ci::detail
