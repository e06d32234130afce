#include "gauntlet/harness/stats/multiple_testing.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace gauntlet::stats {

std::vector<double> benjamini_hochberg(std::span<const double> p_values) {
  std::vector<double> adjusted(p_values.begin(), p_values.end());
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < p_values.size(); ++i)
    if (!std::isnan(p_values[i])) order.push_back(i);
  const double m = static_cast<double>(order.size());
  // Largest p first: adjusted = min over j >= i of p_(j) * m / j.
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return p_values[a] > p_values[b]; });
  double running_min = 1.0;
  for (std::size_t k = 0; k < order.size(); ++k) {
    const double rank = m - static_cast<double>(k);
    running_min = std::min(running_min, p_values[order[k]] * m / rank);
    adjusted[order[k]] = running_min;
  }
  return adjusted;
}

}  // namespace gauntlet::stats
