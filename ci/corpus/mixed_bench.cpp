// Second corpus generator for the gate accuracy study (ci/corpus/README.md):
// six workloads unlike work_bench.cpp's (bit twiddling, floating point,
// allocation, a tree, memory bandwidth, cache-missing search) whose amount of
// work grows with GAUNTLET_CORPUS_SLOWDOWN_PCT, so "current" runs carry a
// known, injected slowdown. Defaults are chosen on other benchmarks than the
// ones they are reported on.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <map>
#include <string>
#include <vector>

namespace {

double slowdown_factor() {
  const char* v = std::getenv("GAUNTLET_CORPUS_SLOWDOWN_PCT");
  return 1.0 + (v != nullptr ? std::atof(v) : 0.0) / 100.0;
}

std::int64_t scaled(std::int64_t base) {
  return static_cast<std::int64_t>(static_cast<double>(base) * slowdown_factor() + 0.5);
}

std::uint64_t next_random(std::uint64_t& s) {
  s = s * 6364136223846793005ULL + 1442695040888963407ULL;
  return s >> 17;
}

// Bitwise CRC-32 of a 1 KiB buffer: branchy integer work, no memory traffic.
void BM_Crc32(benchmark::State& state) {
  std::vector<std::uint8_t> buf(1024);
  std::uint64_t seed = 3;
  for (auto& b : buf) b = static_cast<std::uint8_t>(next_random(seed));
  const std::int64_t passes = scaled(50);
  for (auto _ : state) {
    std::uint32_t crc = 0xFFFFFFFFu;
    for (std::int64_t p = 0; p < passes; ++p)
      for (std::uint8_t byte : buf) {
        crc ^= byte;
        for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
      }
    benchmark::DoNotOptimize(crc);
  }
}

// 48x48 double matrix products: floating point, L1-resident.
void BM_MatMul(benchmark::State& state) {
  constexpr int kN = 48;
  std::vector<double> a(kN * kN), b(kN * kN), c(kN * kN);
  std::uint64_t seed = 5;
  for (auto& x : a) x = static_cast<double>(next_random(seed) % 1000) / 997.0;
  for (auto& x : b) x = static_cast<double>(next_random(seed) % 1000) / 991.0;
  const std::int64_t products = scaled(50);
  for (auto _ : state) {
    for (std::int64_t r = 0; r < products; ++r) {
      for (int i = 0; i < kN; ++i)
        for (int j = 0; j < kN; ++j) {
          double sum = 0;
          for (int k = 0; k < kN; ++k) sum += a[i * kN + k] * b[k * kN + j];
          c[i * kN + j] = sum;
        }
      benchmark::DoNotOptimize(c.data());
    }
  }
}

// Builds and joins short strings: malloc/free and copying.
void BM_StringBuild(benchmark::State& state) {
  const std::int64_t pieces = scaled(2000);
  for (auto _ : state) {
    std::vector<std::string> parts;
    parts.reserve(static_cast<std::size_t>(pieces));
    for (std::int64_t i = 0; i < pieces; ++i) parts.push_back("item-" + std::to_string(i * 7919 % 100003));
    std::string joined;
    for (const auto& p : parts) (joined += p) += ',';
    benchmark::DoNotOptimize(joined.data());
  }
}

// Inserts into and erases from a red-black tree: allocation and pointer chasing.
void BM_MapChurn(benchmark::State& state) {
  const std::int64_t ops = scaled(3000);
  std::uint64_t seed = 9;
  for (auto _ : state) {
    std::map<std::uint32_t, std::uint32_t> m;
    for (std::int64_t i = 0; i < ops; ++i) {
      const auto k = static_cast<std::uint32_t>(next_random(seed) % 4096);
      if (i % 3 == 2) m.erase(k);
      else m[k] = static_cast<std::uint32_t>(i);
    }
    benchmark::DoNotOptimize(m.size());
  }
}

// Copies a 16 MiB buffer in 64 KiB blocks: memory bandwidth.
void BM_Memcpy(benchmark::State& state) {
  constexpr std::size_t kBuf = 16u << 20, kBlock = 64u << 10;
  std::vector<char> src(kBuf, 'x'), dst(kBuf);
  const std::int64_t blocks = scaled(64);
  std::size_t at = 0;
  for (auto _ : state) {
    for (std::int64_t b = 0; b < blocks; ++b) {
      std::memcpy(dst.data() + at, src.data() + at, kBlock);
      at = (at + kBlock) % kBuf;
    }
    benchmark::DoNotOptimize(dst.data());
  }
}

// Random lookups in a sorted 32 MiB array: cache and TLB misses.
void BM_BinarySearch(benchmark::State& state) {
  static const std::vector<std::uint64_t> sorted = [] {  // built once per process
    std::vector<std::uint64_t> v(4u << 20);
    std::uint64_t s = 13;
    for (auto& x : v) x = next_random(s);
    std::sort(v.begin(), v.end());
    return v;
  }();
  std::uint64_t seed = 17;
  const std::int64_t lookups = scaled(2000);
  for (auto _ : state) {
    std::size_t found = 0;
    for (std::int64_t i = 0; i < lookups; ++i)
      found += std::binary_search(sorted.begin(), sorted.end(), next_random(seed)) ? 1u : 0u;
    benchmark::DoNotOptimize(found);
  }
}

BENCHMARK(BM_Crc32);
BENCHMARK(BM_MatMul);
BENCHMARK(BM_StringBuild);
BENCHMARK(BM_MapChurn);
BENCHMARK(BM_Memcpy);
BENCHMARK(BM_BinarySearch);

}  // namespace

BENCHMARK_MAIN();
