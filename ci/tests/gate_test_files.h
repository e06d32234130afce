#pragma once
// Builds Google Benchmark files in memory for gate tests.
#include "gauntlet/ci/benchmark_file.h"
#include "gauntlet/ci/gate_config.h"
#include "gauntlet/harness/stats/seeded_random.h"

#include <string>
#include <vector>

namespace gauntlet::ci::testing {

/// `n` repetitions around `centre` ns with uniform relative spread +-spread/2.
inline std::vector<double> noisy(std::size_t n, double centre, double spread, std::uint64_t seed) {
  stats::SeededRandom rng(seed);
  std::vector<double> v;
  for (std::size_t i = 0; i < n; ++i) v.push_back(centre * (1.0 + spread * (rng.uniform() - 0.5)));
  return v;
}

inline void add_runs(BenchmarkFile& f, const std::string& name, const std::vector<double>& times) {
  for (std::size_t i = 0; i < times.size(); ++i) {
    BenchmarkRow r;
    r.name = r.run_name = name;
    r.repetitions = static_cast<std::int64_t>(times.size());
    r.repetition_index = static_cast<std::int64_t>(i);
    r.iterations = 1000;
    r.real_time_ns = times[i];
    r.cpu_time_ns = times[i];
    f.rows.push_back(r);
  }
}

/// Like add_runs, the repetitions of each process in `processes` tagged with
/// its round (as `gauntlet bench run` does) and numbered on from the last row.
inline void add_rounds(BenchmarkFile& f, const std::string& name, const std::vector<std::vector<double>>& processes) {
  std::int64_t round = 0;
  for (const auto& times : processes) {
    const std::size_t first = f.rows.size();
    add_runs(f, name, times);
    for (std::size_t i = first; i < f.rows.size(); ++i) f.rows[i].round = round;
    ++round;
  }
}

inline BenchmarkFile file_named(const std::string& source, const std::string& host = "host-a") {
  BenchmarkFile f;
  f.source = source;
  f.context.host_name = host;
  f.context.num_cpus = 2;
  f.context.mhz_per_cpu = 2400;
  f.context.library_build_type = "release";
  return f;
}

/// Both benchmarks in one file: BM_X/instrumented = plain * factor, per repetition.
inline BenchmarkFile pair(double factor, double spread, std::size_t n, std::uint64_t seed) {
  auto f = file_named("run.json");
  const auto plain = noisy(n, 1000, spread, seed);
  std::vector<double> inst = noisy(n, 1000 * factor, spread, seed + 100);
  add_runs(f, "BM_X/plain", plain);
  add_runs(f, "BM_X/instrumented", inst);
  return f;
}

/// One ratio rule, BM_X/instrumented over BM_X/plain, at most `max`.
inline GateConfig ratio_config(double max) {
  GateConfig c;
  c.ratios.push_back({"overhead", "BM_X/instrumented", "BM_X/plain", max, 0, ""});
  return c;
}

}  // namespace gauntlet::ci::testing
