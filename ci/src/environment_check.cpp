#include "gauntlet/ci/gate.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <sstream>

namespace gauntlet::ci {
using records::EnvironmentCheck;

namespace {

std::string caches_text(const std::vector<CacheInfo>& caches) {
  std::ostringstream s;
  for (const CacheInfo& c : caches) s << "L" << c.level << c.type.substr(0, 1) << "=" << c.size / 1024 << "K ";
  std::string out = s.str();
  if (!out.empty()) out.pop_back();
  return out;
}

}  // namespace

EnvironmentCheck compare_environments(const BenchmarkContext& a, const BenchmarkContext& b) {
  EnvironmentCheck out;
  auto differ = [&](const std::string& field, const std::string& x, const std::string& y, bool machine) {
    if (x == y) return;
    out.differences.push_back(field + ": " + (x.empty() ? "?" : x) + " vs " + (y.empty() ? "?" : y));
    if (machine) out.same_machine = false;
  };
  differ("host_name", a.host_name, b.host_name, true);
  differ("num_cpus", std::to_string(a.num_cpus), std::to_string(b.num_cpus), true);
  differ("caches", caches_text(a.caches), caches_text(b.caches), true);
  if (a.mhz_per_cpu > 0 && b.mhz_per_cpu > 0 &&
      std::fabs(a.mhz_per_cpu - b.mhz_per_cpu) > 0.05 * std::max(a.mhz_per_cpu, b.mhz_per_cpu))
    differ("mhz_per_cpu", std::to_string(static_cast<long>(a.mhz_per_cpu)),
           std::to_string(static_cast<long>(b.mhz_per_cpu)), true);
  // Our own build type (custom context "build_type", as Gauntlet's benchmark
  // executables record it): Debug against Release is no comparison either.
  auto build_type = [](const BenchmarkContext& c) {
    auto it = c.extra.find("build_type");
    return it == c.extra.end() ? std::string() : it->second;
  };
  differ("build_type", build_type(a), build_type(b), true);
  differ("library_build_type", a.library_build_type, b.library_build_type, false);
  auto scaling = [](const std::optional<bool>& s) { return s ? (*s ? "enabled" : "disabled") : ""; };
  differ("cpu_scaling", scaling(a.cpu_scaling_enabled), scaling(b.cpu_scaling_enabled), false);
  // Evidence, not identity: one run on a machine busy with at least half its
  // CPUs' worth of other work, the other not.
  auto load = [](const BenchmarkContext& c) -> std::optional<double> {
    if (c.load_avg.empty() || c.num_cpus <= 0) return std::nullopt;
    return c.load_avg[0] / c.num_cpus;
  };
  const auto la = load(a), lb = load(b);
  if (la && lb && (*la >= 0.5) != (*lb >= 0.5))
    differ("load_avg", fmt::format("{:.2f}", a.load_avg[0]), fmt::format("{:.2f}", b.load_avg[0]), false);
  return out;
}

}  // namespace gauntlet::ci
