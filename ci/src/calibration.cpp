#include "gauntlet/ci/calibration.h"

#include "gauntlet/harness/stats/location_shift.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace gauntlet::ci {
using records::BenchmarkComparison;
using records::Verdict;

Result<std::vector<CalibrationRow>> calibrate(const std::vector<BenchmarkFile>& runs, const GateConfig& config,
                                              const NoiseModel& noise) {
  if (runs.size() < 2) return Error(ErrorCode::kInvalidArgument, "calibrate: need at least two A/A runs");
  struct Acc {
    CalibrationRow row;
    std::vector<double> mde, change;
  };
  std::map<std::string, Acc> acc;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    for (std::size_t j = 0; j < runs.size(); ++j) {
      if (i == j) continue;
      auto r = run_gate(runs[i], runs[j], config, noise);
      if (!r.ok()) return r.error();
      for (const BenchmarkComparison& c : r->benchmarks) {
        if (c.verdict == Verdict::kNew || c.verdict == Verdict::kMissing || c.verdict == Verdict::kErrored) continue;
        Acc& a = acc[c.name];
        a.row.name = c.name;
        ++a.row.comparisons;
        if (c.verdict == Verdict::kRegressed || c.verdict == Verdict::kImproved) ++a.row.false_alarms;
        a.mde.push_back(c.min_detectable_effect);
        if (std::isfinite(c.ratio)) a.change.push_back(std::fabs(c.ratio - 1.0));
      }
    }
  }
  std::vector<CalibrationRow> out;
  for (auto& [name, a] : acc) {
    a.row.false_alarm_rate = static_cast<double>(a.row.false_alarms) / a.row.comparisons;
    std::sort(a.mde.begin(), a.mde.end());
    a.row.median_mde = a.mde.empty() ? NAN : a.mde[a.mde.size() / 2];
    std::sort(a.change.begin(), a.change.end());
    a.row.p95_abs_change =
        a.change.empty() ? NAN
                         : a.change[std::min(a.change.size() - 1, static_cast<std::size_t>(0.95 * a.change.size()))];
    out.push_back(a.row);
  }
  return out;
}

}  // namespace gauntlet::ci
