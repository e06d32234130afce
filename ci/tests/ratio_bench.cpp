// Benchmarks for the gate's ratio rules and throughput floors against
// Gauntlet's own primitives. BM_Pair (seed 000's overhead rule): one workload
// plain, the same instrumented with a Gauntlet counter and histogram, and a
// deliberately slowed variant (three times the work). BM_Seed004 (seed 004's
// floors): metric operations from 50 threads and traces (span start and end)
// from 20 threads (all threads timed together), each with a slowed variant
// that does a large workload per operation. All report items_per_second (one item per operation).
// BM_Memory (seed 002's and 004's memory limits, and the check of the memory
// `gauntlet bench run` measures): hold_<N>MiB touches N MiB before timing and
// frees it after (peak rises by N, the end does not), leak_<N>MiB leaks N MiB
// in 1 MiB blocks (peak and growth rise by N).
#include "gauntlet/harness/metrics/registry.h"
#include "gauntlet/harness/tracing/tracer.h"

#include <benchmark/benchmark.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <thread>
#include <vector>

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

// `threads` threads each doing `per_thread` operations, timed as a whole
// (thread start to last join, manual time): items_per_second is then the
// operations all threads completed per second of wall time. (With
// ->Threads(n) Google Benchmark divides by the mean per-thread time, which
// overstates the rate when threads outnumber cores.)
template <class Op>
void concurrently(benchmark::State& state, int threads, int per_thread, Op op) {
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t)
      pool.emplace_back([&] {
        for (int i = 0; i < per_thread; ++i) op();
      });
    for (std::thread& t : pool) t.join();
    state.SetIterationTime(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  state.SetItemsProcessed(state.iterations() * threads * per_thread);
}

// A counter increment and a histogram record per operation from 50 threads,
// `rounds` of workload before each (0: none).
void metric_ops(benchmark::State& state, int rounds, int per_thread) {
  Instruments& in = instruments();
  concurrently(state, 50, per_thread, [&] {
    if (rounds > 0) benchmark::DoNotOptimize(workload(rounds));
    in.counter->inc();
    in.histogram->record(1.0);
  });
}

// One sampled span started and ended per operation (no exporter) from 20
// threads, `rounds` of workload inside it.
void traces(benchmark::State& state, int rounds, int per_thread) {
  static gauntlet::tracing::Tracer tracer(
      gauntlet::tracing::TracerOptions().with_seed(1).with_sampler(gauntlet::tracing::Sampler::always_on()));
  concurrently(state, 20, per_thread, [&] {
    gauntlet::tracing::Span span = tracer.start_span("op");
    if (rounds > 0) benchmark::DoNotOptimize(workload(rounds));
    benchmark::DoNotOptimize(span.context().span_id);
    span.end();
  });
}

// N MiB, every page written: resident, not just reserved.
std::unique_ptr<char[]> touched(std::size_t mib) {
  auto block = std::make_unique<char[]>(mib << 20);
  std::memset(block.get(), 1, mib << 20);
  benchmark::DoNotOptimize(block.get());
  return block;
}

// Memory is read every 10 ms from outside: each state lasts a few readings.
void settle() { std::this_thread::sleep_for(std::chrono::milliseconds(60)); }

void memory_hold(benchmark::State& state, std::size_t mib) {
  settle();
  {
    const auto held = touched(mib);
    for (auto _ : state) benchmark::DoNotOptimize(workload(1));
    settle();
  }
  settle();
}

void memory_leak(benchmark::State& state, std::size_t mib) {
  // A real leak: nothing frees it, not even at exit.
  static auto* leaked = new std::vector<char*>;
  settle();
  for (std::size_t i = 0; i < mib; ++i) leaked->push_back(touched(1).release());
  for (auto _ : state) benchmark::DoNotOptimize(workload(1));
  settle();
}

}  // namespace

BENCHMARK_CAPTURE(memory_hold, hold_0, 0)->Name("BM_Memory/hold_0MiB")->Iterations(100);
BENCHMARK_CAPTURE(memory_hold, hold_64, 64)->Name("BM_Memory/hold_64MiB")->Iterations(100);
BENCHMARK_CAPTURE(memory_leak, leak_32, 32)->Name("BM_Memory/leak_32MiB")->Iterations(100);
BENCHMARK_CAPTURE(metric_ops, plain, 0, 2000)->Name("BM_Seed004/metric_ops_50_threads")->UseManualTime();
BENCHMARK_CAPTURE(metric_ops, slowed, 200, 2)->Name("BM_Seed004/metric_ops_50_threads_slowed")->UseManualTime();
BENCHMARK_CAPTURE(traces, plain, 0, 2000)->Name("BM_Seed004/traces_20_threads")->UseManualTime();
BENCHMARK_CAPTURE(traces, slowed, 2000, 1)->Name("BM_Seed004/traces_20_threads_slowed")->UseManualTime();
BENCHMARK(pair_plain)->Name("BM_Pair/plain");
BENCHMARK_CAPTURE(pair_instrumented, instrumented, 1)->Name("BM_Pair/instrumented");
BENCHMARK_CAPTURE(pair_instrumented, slowed, 3)->Name("BM_Pair/slowed");
BENCHMARK_MAIN();
