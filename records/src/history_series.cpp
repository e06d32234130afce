#include "gauntlet/records/history_series.h"

#include "gauntlet/harness/stats/location_shift.h"

#include <algorithm>

namespace gauntlet::records {

Result<HistorySeries> history_series(const HistoryStore& store, const std::string& benchmark, const std::string& metric,
                                     const std::string& machine) {
  Result<std::vector<RunValue>> values = store.values(benchmark, metric, machine);
  if (!values.ok()) return values.error();
  HistorySeries out{benchmark, metric, {}};
  std::vector<double> run;
  auto flush = [&] {
    if (run.empty()) return;
    out.points.back().median = stats::median(run);
    out.points.back().repetitions = run.size();
    run.clear();
  };
  for (const RunValue& v : *values) {
    if (out.points.empty() || out.points.back().run_id != v.run_id) {
      flush();
      out.points.push_back({v.run_id, v.git_revision, 0, 0});
    }
    run.push_back(v.value);
  }
  flush();
  return out;
}

Result<std::vector<HistorySeries>> all_history_series(const HistoryStore& store, const std::string& metric,
                                                      const std::string& machine) {
  Result<std::vector<std::string>> names = store.benchmarks(metric);
  if (!names.ok()) return names.error();
  std::vector<HistorySeries> out;
  for (const std::string& name : *names) {
    Result<HistorySeries> s = history_series(store, name, metric, machine);
    if (s.ok() && s->points.empty()) continue;  // none on this machine class
    if (!s.ok()) return s.error();
    out.push_back(std::move(*s));
  }
  return out;
}

Result<std::string> default_history_metric(const HistoryStore& store) {
  Result<std::vector<std::string>> metrics = store.metrics();
  if (!metrics.ok()) return metrics.error();
  if (metrics->empty()) return std::string();
  if (std::find(metrics->begin(), metrics->end(), "real_time") != metrics->end()) return std::string("real_time");
  return metrics->front();
}

}  // namespace gauntlet::records
