#pragma once
/// Change-point detection over a series (E-divisive means).
#include "gauntlet/harness/error.h"

#include <cstdint>
#include <span>
#include <vector>

namespace gauntlet::stats {

struct ChangePointOptions {
  std::uint64_t seed = 1;  ///< seeds the permutation test
  double alpha = 0.05;     ///< significance of each accepted split
  int permutations = 199;  ///< permutations per candidate split
  int min_segment = 5;     ///< fewest points on either side of a split
};

struct ChangePoint {
  std::size_t index = 0;   ///< first point of the new segment
  double mean_before = 0;  ///< mean of the segment before
  double mean_after = 0;   ///< mean of the segment after
  double p_value = 1;      ///< permutation p-value when it was accepted
};

/// E-divisive means (Matteson & James 2014, with alpha = 1 as Hunter uses):
/// binary segmentation on the energy statistic, each split accepted by a seeded
/// permutation test. Deterministic for a given seed. Returns change points in
/// increasing index order. Errors: kInvalidArgument for NaN values or bad options.
Result<std::vector<ChangePoint>> detect_change_points(std::span<const double> series,
                                                      const ChangePointOptions& options);

}  // namespace gauntlet::stats
