#include "gauntlet/ci/gate.h"

#include "gauntlet/harness/stats/location_shift.h"

#include <cmath>

namespace gauntlet::ci {
namespace {

std::optional<double> metric_value(const BenchmarkRow& row, const std::string& metric) {
  if (metric == "real_time") return row.real_time_ns;
  if (metric == "cpu_time") return row.cpu_time_ns;
  auto it = row.counters.find(metric);
  if (it == row.counters.end()) return std::nullopt;
  return it->second;
}

}  // namespace

Result<std::map<std::string, MetricSamples>> extract_samples(const BenchmarkFile& file, const std::string& metric) {
  std::map<std::string, MetricSamples> out;
  std::map<std::string, double> agg_median, agg_mean;
  std::map<std::string, std::vector<double>> real_over_cpu;
  bool metric_seen = metric == "real_time" || metric == "cpu_time";
  for (const BenchmarkRow& row : file.rows) {
    MetricSamples& s = out[row.run_name];
    if (row.errored) {
      s.errored = true;
      s.message = row.message;
      continue;
    }
    if (row.skipped) {
      s.skipped = true;
      s.message = row.message;
      continue;
    }
    const auto v = metric_value(row, metric);
    if (v) metric_seen = true;
    if (row.run_type == RunType::kAggregate) {
      if (v && row.aggregate_name == "median") agg_median[row.run_name] = *v;
      if (v && row.aggregate_name == "mean") agg_mean[row.run_name] = *v;
      continue;
    }
    if (v) {
      s.values.push_back(*v);
      s.rounds.push_back(static_cast<int>(row.round));
    }
    if (row.cpu_time_ns > 0) real_over_cpu[row.run_name].push_back(row.real_time_ns / row.cpu_time_ns);
  }
  if (!metric_seen)
    return Error(ErrorCode::kNotFound, file.source + ": metric \"" + metric + "\" is in no benchmark row");
  for (auto& [name, s] : out) {
    s.real_over_cpu = stats::median(real_over_cpu[name]);  // NaN when no row had cpu time
    if (!s.values.empty() || s.errored || s.skipped) continue;
    std::optional<double> point;
    if (auto m = agg_median.find(name); m != agg_median.end()) point = m->second;
    else if (auto a = agg_mean.find(name); a != agg_mean.end()) point = a->second;
    if (point) {
      s.values.push_back(*point);
      s.aggregates_only = true;
    }
  }
  // Drop names that carry nothing for this metric (e.g. BigO/RMS-only families).
  std::erase_if(out,
                [](const auto& kv) { return kv.second.values.empty() && !kv.second.errored && !kv.second.skipped; });
  return out;
}

}  // namespace gauntlet::ci
