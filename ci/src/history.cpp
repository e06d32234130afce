#include "gauntlet/ci/history.h"

#include "gauntlet/harness/stats/change_point.h"
#include "gauntlet/harness/stats/noise_interval.h"
#include "gauntlet/records/history_series.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace gauntlet::ci {

records::HistoryRun history_run(const BenchmarkFile& file, std::string git_revision, std::string label) {
  records::HistoryRun run;
  run.git_revision = std::move(git_revision);
  run.label = std::move(label);
  run.source = file.source;
  run.context = {file.context.host_name, std::int64_t{file.context.num_cpus}, file.context.mhz_per_cpu,
                 file.context.library_build_type, ""};
  for (const BenchmarkRow& row : file.rows) {
    if (row.run_type != RunType::kIteration || row.errored || row.skipped) continue;
    const std::int64_t repetition = std::max<std::int64_t>(row.repetition_index, 0);
    run.samples.push_back({row.run_name, "real_time", repetition, row.real_time_ns});
    run.samples.push_back({row.run_name, "cpu_time", repetition, row.cpu_time_ns});
    for (const auto& [metric, value] : row.counters) run.samples.push_back({row.run_name, metric, repetition, value});
  }
  return run;
}

Result<NoiseModel> learn_noise_model(const records::HistoryStore& history, const std::string& metric, int window,
                                     int min_runs, double quantile, const std::string& machine) {
  auto names = history.benchmarks(metric);
  if (!names.ok()) return names.error();
  NoiseModel model;
  for (const std::string& name : *names) {
    auto s = records::history_series(history, name, metric, machine);
    if (!s.ok()) return s.error();
    // Real time on a busy machine holds the time spent waiting for a CPU:
    // evidence the gate weighs per comparison (real/cpu of both sides), not
    // noise of the code. Its noise is learned from the cpu time of the same
    // runs when every run has it.
    if (metric == "real_time") {
      auto cpu = records::history_series(history, name, "cpu_time", machine);
      if (!cpu.ok()) return cpu.error();
      if (cpu->points.size() == s->points.size()) s = std::move(cpu);
    }
    const std::vector<records::SeriesPoint>& points = s->points;
    if (static_cast<int>(points.size()) < min_runs) continue;
    const auto span = static_cast<std::size_t>(window);
    const std::size_t from = points.size() > span ? points.size() - span : 0;
    std::vector<double> medians;
    for (std::size_t i = from; i < points.size(); ++i) medians.push_back(points[i].median);
    // Robust and in log units: a step in the series (a real change on main)
    // adds one difference, a minority of contaminated runs a few; heavy tails
    // are the gate's noise_tail_df, not this estimate's.
    const double sigma = stats::robust_log_sigma(medians, quantile);
    if (std::isfinite(sigma)) model.between_run_sigma[name] = sigma;
  }
  return model;
}

Result<std::vector<records::HistoryChangePoint>> history_change_points(const records::HistoryStore& history,
                                                                       const std::string& metric, std::uint64_t seed) {
  auto series = records::all_history_series(history, metric);
  if (!series.ok()) return series.error();
  std::vector<records::HistoryChangePoint> out;
  for (const records::HistorySeries& s : *series) {
    if (s.points.size() < 10) continue;
    std::vector<double> medians;
    for (const records::SeriesPoint& p : s.points) medians.push_back(p.median);
    auto cps = stats::detect_change_points(medians, {.seed = seed});
    if (!cps.ok()) return cps.error().with_context(s.benchmark);
    for (const stats::ChangePoint& cp : *cps)
      out.push_back({s.benchmark, cp.index, s.points[cp.index].git_revision, cp.mean_before, cp.mean_after});
  }
  return out;
}

}  // namespace gauntlet::ci
