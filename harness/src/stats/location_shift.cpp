#include "gauntlet/harness/stats/location_shift.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace gauntlet::stats {
namespace {

double median_in_place(std::vector<double>& v) {
  if (v.empty()) return std::numeric_limits<double>::quiet_NaN();
  const std::size_t mid = v.size() / 2;
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid), v.end());
  const double upper = v[mid];
  if (v.size() % 2 == 1) return upper;
  const double lower = *std::max_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid));
  return (lower + upper) / 2.0;
}

}  // namespace

double median(std::span<const double> values) {
  std::vector<double> copy(values.begin(), values.end());
  return median_in_place(copy);
}

double mad_sigma(std::span<const double> values) {
  const double m = median(values);
  std::vector<double> dev;
  dev.reserve(values.size());
  for (double v : values) dev.push_back(std::fabs(v - m));
  return 1.4826 * median_in_place(dev);
}

double successive_difference_sigma(std::span<const double> series) {
  if (series.size() < 2) return std::nan("");
  double sum = 0;
  for (std::size_t i = 1; i < series.size(); ++i) sum += (series[i] - series[i - 1]) * (series[i] - series[i - 1]);
  return std::sqrt(sum / (2.0 * static_cast<double>(series.size() - 1)));
}

double hodges_lehmann_shift(std::span<const double> x, std::span<const double> y) {
  std::vector<double> diffs;
  diffs.reserve(x.size() * y.size());
  for (double a : x)
    for (double b : y) diffs.push_back(b - a);
  return median_in_place(diffs);
}

}  // namespace gauntlet::stats
