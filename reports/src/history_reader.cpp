// The benchmark history as reports show it, read through gauntlet::records.
#include <algorithm>
#include <utility>

#include "gauntlet/records/history_series.h"
#include "gauntlet/records/history_store.h"
#include "gauntlet/reports/history.h"

namespace gauntlet::reports {

Result<std::vector<HistorySeries>> read_history(const std::filesystem::path& path) {
  auto store = records::open_history(path.string(), records::HistoryAccess::kReadOnly);
  if (!store.ok()) return store.error();
  Result<std::string> metric = records::default_history_metric(**store);
  if (!metric.ok()) return metric.error();
  if (metric->empty()) return std::vector<HistorySeries>{};
  auto series = records::all_history_series(**store, *metric);
  if (!series.ok()) return series.error();
  std::vector<HistorySeries> out;
  out.reserve(series->size());
  for (const records::HistorySeries& s : *series) {
    HistorySeries view{s.benchmark, {}, {}, s.metric};
    for (const records::SeriesPoint& p : s.points) view.values.push_back(p.median);
    out.push_back(std::move(view));
  }
  return out;
}

std::vector<std::size_t> change_points_for(const HistorySeries& series, const std::vector<GateInput>& gates) {
  std::vector<std::size_t> out = series.change_points;
  for (const GateInput& g : gates) {
    if (!series.metric.empty() && g.result.metric != series.metric) continue;
    for (const records::HistoryChangePoint& c : g.result.change_points)
      if (c.name == series.benchmark) out.push_back(c.index);
  }
  std::erase_if(out, [&](std::size_t i) { return i >= series.values.size(); });
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace gauntlet::reports
