#pragma once
/// Edge-biased generators: the values real code gets wrong (a threshold and
/// its neighbours, extreme quantile levels, magnitudes past float's and
/// double's exact-integer range, empty and single-element inputs) drawn often,
/// alongside the plain random ones. Properties that must see an edge on every
/// run iterate the fixed sets (`kQuantileLevels`, `kLargeMagnitudes`) instead
/// of drawing them.
#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

#include <rapidcheck.h>

namespace gauntlet::properties::edges {

/// Quantile levels every quantile property checks on every case.
inline constexpr std::array<double, 6> kQuantileLevels{0.0, 0.5, 0.9, 0.99, 0.999, 1.0};

/// 2^24: the first integer a float cannot increment by one.
inline constexpr double kTwoPow24 = 16777216.0;
/// 2^53: the first integer a double cannot increment by one.
inline constexpr double kTwoPow53 = 9007199254740992.0;

/// Whole-number magnitudes where narrow accumulators break: around 2^24
/// (float), 2^31 / 2^32 (32-bit integers) and 2^53 (double).
inline constexpr std::array<double, 8> kLargeMagnitudes{kTwoPow24 - 1, kTwoPow24,    kTwoPow24 + 1, 2147483647.0,
                                                        2147483648.0,  4294967297.0, kTwoPow53 - 2, kTwoPow53};

/// `edges` half of the time, `random` otherwise.
template <typename T>
rc::Gen<T> biased(std::vector<T> edges, rc::Gen<T> random) {
  if (edges.empty()) return random;
  return rc::gen::weightedOneOf<T>({{1, rc::gen::elementOf(std::move(edges))}, {1, std::move(random)}});
}

/// An integer in [lo, hi], drawn as `threshold`, threshold - 1 or threshold + 1
/// (clamped into range) half of the time.
inline rc::Gen<int> around(int threshold, int lo, int hi) {
  std::vector<int> edges;
  for (int v : {threshold - 1, threshold, threshold + 1}) {
    if (v >= lo && v <= hi && std::find(edges.begin(), edges.end(), v) == edges.end()) edges.push_back(v);
  }
  return biased(std::move(edges), rc::gen::inRange(lo, hi + 1));
}

/// A quantile level: one of kQuantileLevels half of the time, else k/1000.
inline rc::Gen<double> quantile_level() {
  return biased(std::vector<double>(kQuantileLevels.begin(), kQuantileLevels.end()),
                rc::gen::map(rc::gen::inRange(0, 1001), [](int k) { return k / 1000.0; }));
}

/// A container from `element`: empty or a single element a quarter of the
/// time each, else `element`'s usual sizes (or `large` elements, 1 in 8, when
/// `large` > 0: enough for ranks such as ceil(0.999 n) to differ from n).
template <typename Container>
rc::Gen<Container> sized(rc::Gen<typename Container::value_type> element, std::size_t large = 0) {
  if (large == 0) {
    return rc::gen::weightedOneOf<Container>({{2, rc::gen::just(Container{})},
                                              {2, rc::gen::container<Container>(1, element)},
                                              {4, rc::gen::container<Container>(element)}});
  }
  return rc::gen::weightedOneOf<Container>({{2, rc::gen::just(Container{})},
                                            {2, rc::gen::container<Container>(1, element)},
                                            {3, rc::gen::container<Container>(element)},
                                            {1, rc::gen::container<Container>(large, element)}});
}

}  // namespace gauntlet::properties::edges
