// Physical references for the side-by-side benchmarks: what one relaxed
// shared atomic add, one atomic<bool> load and one steady_clock read cost on
// this machine, in the same run as everything else.
#include <benchmark/benchmark.h>

#include <atomic>
#include <chrono>
#include <cstdint>

namespace {

std::atomic<std::uint64_t> g_shared_counter{0};
std::atomic<bool> g_flag{false};

// Relaxed fetch_add on one counter shared by every thread.
void atomic_add_reference(benchmark::State& state) {
  for (auto _ : state) g_shared_counter.fetch_add(1, std::memory_order_relaxed);
}
BENCHMARK(atomic_add_reference)->Name("atomic_add/reference")->Threads(1)->Threads(2)->UseRealTime();

// Relaxed load of an atomic<bool> and a branch on it (a disabled fast path).
void bool_load_reference(benchmark::State& state) {
  std::uint64_t taken = 0;
  for (auto _ : state) {
    if (g_flag.load(std::memory_order_relaxed)) [[unlikely]]
      ++taken;
    benchmark::ClobberMemory();
  }
  benchmark::DoNotOptimize(taken);
}
BENCHMARK(bool_load_reference)->Name("bool_load/reference")->Threads(1)->Threads(2)->UseRealTime();

void steady_clock_now_reference(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(std::chrono::steady_clock::now());
}
BENCHMARK(steady_clock_now_reference)->Name("steady_clock_now/reference")->Threads(1)->Threads(2)->UseRealTime();

}  // namespace
