#pragma once
/// A small, portable, seeded random source for statistics (SplitMix64).
#include <cstdint>
#include <climits>

namespace gauntlet::stats {

/// SplitMix64: the same seed gives the same sequence on every platform.
class SeededRandom {
 public:
  explicit SeededRandom(std::uint64_t seed) noexcept : state_(seed) {}

  std::uint64_t next() noexcept {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }

  /// Uniform integer in [0, bound) without modulo bias (rejection); bound > 0.
  std::uint64_t below(std::uint64_t bound) noexcept {
    const std::uint64_t limit = UINT64_MAX - UINT64_MAX % bound;
    for (;;) {
      std::uint64_t r = next();
      if (r < limit) return r % bound;
    }
  }

  /// Uniform double in [0, 1).
  double uniform() noexcept { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

 private:
  std::uint64_t state_;
};

}  // namespace gauntlet::stats
