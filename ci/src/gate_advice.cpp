#include "gate_advice.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace gauntlet::ci::detail {
using records::BenchmarkComparison;
using records::GateResult;

namespace {

bool busy(const BenchmarkContext& c) {
  return !c.load_avg.empty() && c.num_cpus > 0 && c.load_avg[0] >= 0.5 * c.num_cpus;
}

std::string load_text(const BenchmarkContext& c) {
  return c.load_avg.empty() ? std::string("?") : fmt::format("{:.2f}", c.load_avg[0]);
}

Result<int> looks_of(const BenchmarkContext& c, const std::string& source) {
  const auto it = c.extra.find(std::string(kSequentialLooksKey));
  if (it == c.extra.end()) return 1;
  char* end = nullptr;
  const long v = std::strtol(it->second.c_str(), &end, 10);
  if (it->second.empty() || *end != '\0' || v < 1 || v > 1000)
    return Error(ErrorCode::kSchemaError, source + ": context." + std::string(kSequentialLooksKey) +
                                              ": expected a whole number in [1, 1000], got \"" + it->second + "\"");
  return static_cast<int>(v);
}

const char* kDecisive =
    "for a decisive answer re-run the suspects interleaved (gauntlet gate ... --confirm-with BASE_BINARY "
    "CURRENT_BINARY), run both builds interleaved (gauntlet bench run --binary BASE --candidate CURRENT "
    "--until-decided), or record main's runs (gauntlet history record) and pass --history";

}  // namespace

std::vector<std::string> environment_warnings(const BenchmarkContext& baseline, const BenchmarkContext& current) {
  std::vector<std::string> out;
  for (const auto& [side, c] :
       {std::pair<const char*, const BenchmarkContext*>{"baseline", &baseline}, {"current", &current}})
    if (c->library_build_type == "debug")
      out.push_back(
          fmt::format("the {} run used a debug build of Google Benchmark (library_build_type: debug); "
                      "its timing overhead may mislead",
                      side));
  if (busy(baseline) != busy(current))
    out.push_back(
        fmt::format("load average {} (baseline) vs {} (current) on {} CPUs: the {} run shared a busy "
                    "machine",
                    load_text(baseline), load_text(current), std::max(baseline.num_cpus, current.num_cpus),
                    busy(current) ? "current" : "baseline"));
  return out;
}

Result<int> sequential_looks(const BenchmarkContext& baseline, const BenchmarkContext& current,
                             const std::string& baseline_source, const std::string& current_source) {
  auto b = looks_of(baseline, baseline_source);
  if (!b.ok()) return b.error();
  auto c = looks_of(current, current_source);
  if (!c.ok()) return c.error();
  if (*b != *c)
    return Error(ErrorCode::kSchemaError, current_source + ": context." + std::string(kSequentialLooksKey) + ": " +
                                              std::to_string(*c) + " differs from the baseline's " +
                                              std::to_string(*b));
  return *b;
}

std::vector<std::string> noise_advice(const GateResult& result, const GateConfig& config, bool interleaved) {
  bool single = false, separate_prior = false;
  double smallest = std::numeric_limits<double>::infinity();
  for (const BenchmarkComparison& c : result.benchmarks) {
    if (c.noise_source != "prior") continue;
    single = single || c.baseline.rounds < 3 || c.current.rounds < 3;
    separate_prior = separate_prior || !interleaved;
    if (std::isfinite(c.min_detectable_effect)) smallest = std::min(smallest, c.min_detectable_effect);
  }
  std::vector<std::string> out;
  const std::string detectable =
      std::isfinite(smallest) ? fmt::format("; the smallest change these runs could detect is {:.1f}%", smallest * 100)
                              : "";
  if (single)
    out.push_back(
        fmt::format("a side is a single process: its repetitions say nothing about the next process, so "
                    "a between-process noise prior of {:.1f}% (process_noise_pct) widens the intervals{}",
                    config.process_noise * 100, detectable));
  if (separate_prior)
    out.push_back(
        fmt::format("separate runs without history for these benchmarks: a between-run noise prior of "
                    "{:.1f}% per run (run_noise_pct) widens the intervals{}",
                    config.run_noise * 100, single ? "" : detectable));
  if (!out.empty()) out.push_back(kDecisive);
  return out;
}

std::vector<std::string> contention_warnings(const GateResult& result, const std::string& metric) {
  if (metric != "real_time") return {};
  std::vector<std::string> names;
  for (const BenchmarkComparison& c : result.benchmarks) {
    const double b = c.real_cpu_baseline, k = c.real_cpu_current;
    if (!(b > 0) || !(k > 0)) continue;
    if (std::max(b, k) >= 1.1 * std::min(b, k)) names.push_back(fmt::format("{} ({:.2f} vs {:.2f})", c.name, b, k));
  }
  if (names.empty()) return {};
  std::string list;
  for (std::size_t i = 0; i < names.size() && i < 5; ++i) list += (i ? ", " : "") + names[i];
  if (names.size() > 5) list += fmt::format(" and {} more", names.size() - 5);
  return {
      fmt::format("real time / cpu time differs between the runs for {}: a side waited for a busy CPU; "
                  "cpu_time (--metric cpu_time) is less affected",
                  list)};
}

}  // namespace gauntlet::ci::detail
