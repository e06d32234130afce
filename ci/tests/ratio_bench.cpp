// A benchmark family for the gate's ratio rules and throughput floors (seed
// 000's overhead rule, seed 004's floors) against Gauntlet's own metrics:
// one workload plain, the same workload instrumented with a Gauntlet counter
// and histogram, and a deliberately slowed variant (three times the work).
// Each reports items_per_second (one item per iteration).
#include "gauntlet/harness/metrics/registry.h"

#include <benchmark/benchmark.h>

#include <array>
#include <cstdint>
#include <cstdlib>

namespace {

namespace gm = gauntlet::metrics;

// FNV-1a over a 2 KiB buffer: a few microseconds of work the compiler keeps.
std::uint64_t workload(int rounds) {
  static const std::array<unsigned char, 2048> data = [] {
    std::array<unsigned char, 2048> d{};
    for (std::size_t i = 0; i < d.size(); ++i) d[i] = static_cast<unsigned char>(i * 131u + 7u);
    return d;
  }();
  std::uint64_t h = 1469598103934665603ull;
  for (int r = 0; r < rounds; ++r)
    for (unsigned char c : data) h = (h ^ c) * 1099511628211ull;
  return h;
}

struct Instruments {
  gm::Registry registry;
  gm::Counter* counter = nullptr;
  gm::Histogram* histogram = nullptr;
  Instruments() {
    auto c = registry.counter("work_items", "Work items done.");
    auto h = registry.histogram("work_hash_low_bits", "Low bits of each hash.");
    if (!c.ok() || !h.ok()) std::abort();
    counter = *c;
    histogram = *h;
  }
};

Instruments& instruments() {
  static Instruments i;
  return i;
}

void pair_plain(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(workload(1));
  state.SetItemsProcessed(state.iterations());
}

void pair_instrumented(benchmark::State& state, int rounds) {
  Instruments& in = instruments();
  for (auto _ : state) {
    const std::uint64_t h = workload(rounds);
    in.counter->inc();
    in.histogram->record(static_cast<double>(h & 0xff));
    benchmark::DoNotOptimize(h);
  }
  state.SetItemsProcessed(state.iterations());
}

}  // namespace

BENCHMARK(pair_plain)->Name("BM_Pair/plain");
BENCHMARK_CAPTURE(pair_instrumented, instrumented, 1)->Name("BM_Pair/instrumented");
BENCHMARK_CAPTURE(pair_instrumented, slowed, 3)->Name("BM_Pair/slowed");
BENCHMARK_MAIN();
