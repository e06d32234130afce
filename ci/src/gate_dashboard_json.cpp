// The gate result for dashboards: github-action-benchmark and Bencher JSON.
#include "gauntlet/ci/gate_reporters.h"
#include "gauntlet/records/gate_result_text.h"

#include <nlohmann/json.hpp>

#include <cmath>

namespace gauntlet::ci {
using nlohmann::json;
using records::BenchmarkComparison;
using records::GateResult;

std::string github_action_benchmark_json(const GateResult& r) {
  json out = json::array();
  for (const BenchmarkComparison& c : r.benchmarks) {
    if (!std::isfinite(c.current.median)) continue;
    out.push_back({{"name", c.name},
                   {"unit", std::string(records::metric_unit(r.metric))},
                   {"value", c.current.median},
                   {"range", "± " + std::to_string(std::isfinite(c.current.mad_sigma) ? c.current.mad_sigma : 0.0)},
                   {"extra", std::string(to_string(c.verdict)) + ": " + c.reason}});
  }
  return out.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

std::string bencher_bmf_json(const GateResult& r) {
  json out = json::object();
  const std::string measure = r.metric == "real_time" ? "latency" : r.metric;
  for (const BenchmarkComparison& c : r.benchmarks) {
    if (!std::isfinite(c.current.median)) continue;
    json m{{"value", c.current.median}};
    if (std::isfinite(c.current.mad_sigma)) {
      m["lower_value"] = c.current.median - c.current.mad_sigma;
      m["upper_value"] = c.current.median + c.current.mad_sigma;
    }
    out[c.name][measure] = m;
  }
  return out.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace gauntlet::ci
