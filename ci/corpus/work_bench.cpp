// Corpus generator for the gate accuracy study: four small workloads whose
// amount of work grows with GAUNTLET_CORPUS_SLOWDOWN_PCT (0, 2, 5, 10, 20 ...),
// so "current" runs carry a known, injected slowdown.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <numeric>
#include <string>
#include <unordered_map>
#include <vector>

namespace {

double slowdown_factor() {
  const char* v = std::getenv("GAUNTLET_CORPUS_SLOWDOWN_PCT");
  return 1.0 + (v != nullptr ? std::atof(v) : 0.0) / 100.0;
}

std::int64_t scaled(std::int64_t base) {
  return static_cast<std::int64_t>(static_cast<double>(base) * slowdown_factor());
}

void BM_Arith(benchmark::State& state) {
  const std::int64_t steps = scaled(20000);
  for (auto _ : state) {
    std::uint64_t x = 0x9E3779B97F4A7C15ULL;
    for (std::int64_t i = 0; i < steps; ++i)
      x = (x ^ (x >> 31)) * 0xBF58476D1CE4E5B9ULL + static_cast<std::uint64_t>(i);
    benchmark::DoNotOptimize(x);
  }
}

void BM_MemoryWalk(benchmark::State& state) {
  std::vector<std::uint32_t> next(1 << 20);
  std::iota(next.begin(), next.end(), 0u);
  std::uint64_t seed = 7;
  for (std::size_t i = next.size() - 1; i > 0; --i) {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    std::swap(next[i], next[(seed >> 33) % (i + 1)]);
  }
  const std::int64_t steps = scaled(4000);
  for (auto _ : state) {
    std::uint32_t p = 0;
    for (std::int64_t i = 0; i < steps; ++i) p = next[p];
    benchmark::DoNotOptimize(p);
  }
}

void BM_SortChunks(benchmark::State& state) {
  std::vector<std::uint32_t> data(256);
  const std::int64_t chunks = scaled(100);
  std::uint64_t seed = 11;
  for (auto _ : state) {
    for (std::int64_t c = 0; c < chunks; ++c) {
      for (auto& d : data) {
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        d = static_cast<std::uint32_t>(seed >> 40);
      }
      std::sort(data.begin(), data.end());
      benchmark::DoNotOptimize(data.data());
    }
  }
}

void BM_HashLookup(benchmark::State& state) {
  std::unordered_map<std::string, int> table;
  for (int i = 0; i < 4096; ++i) table["key-" + std::to_string(i)] = i;
  std::vector<std::string> keys;
  for (int i = 0; i < 4096; ++i) keys.push_back("key-" + std::to_string((i * 2654435761u) % 4096));
  const std::int64_t lookups = scaled(3000);
  for (auto _ : state) {
    long sum = 0;
    for (std::int64_t i = 0; i < lookups; ++i)
      sum += table.find(keys[static_cast<std::size_t>(i) % keys.size()])->second;
    benchmark::DoNotOptimize(sum);
  }
}

BENCHMARK(BM_Arith);
BENCHMARK(BM_MemoryWalk);
BENCHMARK(BM_SortChunks);
BENCHMARK(BM_HashLookup);

}  // namespace

BENCHMARK_MAIN();
