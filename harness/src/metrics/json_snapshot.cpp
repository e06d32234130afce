#include "gauntlet/harness/metrics/exposition.h"

#include <nlohmann/json.hpp>

#include <cmath>

namespace gauntlet::metrics {
namespace {

// NaN (an empty histogram's min, max, mean, quantiles) has no JSON form: null.
nlohmann::json number_or_null(double v) {
  if (std::isfinite(v)) return v;
  return nullptr;
}

nlohmann::json histogram_json(const FamilySnapshot& f, const HistogramSnapshot& h) {
  nlohmann::json j;
  j["count"] = h.count;
  j["sum"] = h.sum;
  j["min"] = number_or_null(h.min);
  j["max"] = number_or_null(h.max);
  j["mean"] = number_or_null(h.mean());
  j["p50"] = number_or_null(h.quantile(0.50));
  j["p95"] = number_or_null(h.quantile(0.95));
  j["p99"] = number_or_null(h.quantile(0.99));
  j["rejected"] = h.rejected;
  nlohmann::json buckets = nlohmann::json::array();
  const std::vector<std::uint64_t> cumulative = h.cumulative_counts(f.export_bounds);
  for (std::size_t i = 0; i < f.export_bounds.size(); ++i) {
    buckets.push_back({{"le", f.export_bounds[i]}, {"count", cumulative[i]}});
  }
  j["buckets"] = std::move(buckets);
  return j;
}

}  // namespace

std::string to_json(const RegistrySnapshot& snapshot, int indent) {
  nlohmann::json root;
  root["schema"] = kJsonSchema;
  nlohmann::json families = nlohmann::json::array();
  for (const FamilySnapshot& f : snapshot.families) {
    nlohmann::json jf;
    jf["name"] = f.name;
    jf["help"] = f.help;
    jf["unit"] = f.unit;
    jf["type"] = to_string(f.type);
    jf["label_names"] = f.label_names;
    nlohmann::json series = nlohmann::json::array();
    for (const SeriesSnapshot& s : f.series) {
      nlohmann::json js;
      if (f.type == MetricType::kHistogram && s.histogram) {
        js = histogram_json(f, *s.histogram);
      } else if (f.type == MetricType::kCounter) {
        js["value"] = s.counter;
      } else {
        js["value"] = number_or_null(s.gauge);
      }
      nlohmann::json labels = nlohmann::json::object();
      for (std::size_t i = 0; i < f.label_names.size(); ++i) labels[f.label_names[i]] = s.label_values[i];
      js["labels"] = std::move(labels);
      series.push_back(std::move(js));
    }
    jf["series"] = std::move(series);
    families.push_back(std::move(jf));
  }
  root["families"] = std::move(families);
  // Label values come from user code: ill-formed UTF-8 is replaced, never thrown on.
  return root.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace gauntlet::metrics
