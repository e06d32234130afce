// The example's own operation (parse a comma-separated line) under Google
// Benchmark, with per-iteration latencies for the gate's tail budgets.
#include <benchmark/benchmark.h>

#include <string>
#include <string_view>
#include <vector>

#include "gauntlet/bench/latency_recorder.h"

namespace {

std::vector<std::string_view> split_fields(std::string_view line) {
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= line.size(); ++i) {
    if (i == line.size() || line[i] == ',') {
      fields.push_back(line.substr(start, i - start));
      start = i + 1;
    }
  }
  return fields;
}

void BM_SplitFields(benchmark::State& state) {
  const std::string line = "alpha,beta,gamma,delta,epsilon,zeta,eta,theta,iota,kappa";
  gauntlet::bench::LatencyRecorder rec;
  for (auto _ : state) {
    auto timed = rec.measure();
    benchmark::DoNotOptimize(split_fields(line));
  }
  rec.report(state);
}
BENCHMARK(BM_SplitFields);

}  // namespace
