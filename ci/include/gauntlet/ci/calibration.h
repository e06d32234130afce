#pragma once
/// A/A calibration: how often the gate raises a false alarm on runs of the
/// same code, and the smallest change it could detect, per benchmark.
#include "gauntlet/ci/benchmark_file.h"
#include "gauntlet/ci/gate.h"
#include "gauntlet/ci/gate_config.h"

#include <string>
#include <vector>

namespace gauntlet::ci {

struct CalibrationRow {
  std::string name;
  int comparisons = 0;   ///< ordered pairs of runs compared
  int false_alarms = 0;  ///< regressed or improved verdicts among them
  double false_alarm_rate = 0;
  double median_mde = 0;      ///< median minimum detectable effect (relative; inf if never detectable)
  double p95_abs_change = 0;  ///< 95th percentile of |ratio - 1| across pairs: the between-run spread
};

/// Compares every ordered pair (i, j), i != j, of runs of identical code with
/// the gate. Errors: kInvalidArgument for fewer than two runs; the gate's errors.
Result<std::vector<CalibrationRow>> calibrate(const std::vector<BenchmarkFile>& runs, const GateConfig& config,
                                              const NoiseModel& noise = {});

}  // namespace gauntlet::ci
