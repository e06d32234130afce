#include "gauntlet/harness/metrics/detail/log_linear_layout.h"
#include "gauntlet/harness/metrics/histogram_snapshot.h"

#include <fmt/format.h>

#include <cmath>

namespace gauntlet::metrics {
namespace {
// Keeps every bucket edge finite and normal.
constexpr double kMinLowest = 1e-300;
constexpr double kMaxHighest = 1e300;
}  // namespace

Status HistogramOptions::validate() const {
  if (!(std::isfinite(lowest) && lowest >= kMinLowest)) {
    return Error(ErrorCode::kInvalidArgument,
                 fmt::format("histogram lowest must be a finite value >= {}, got {}", kMinLowest, lowest));
  }
  if (!(std::isfinite(highest) && highest > lowest && highest <= kMaxHighest)) {
    return Error(
        ErrorCode::kInvalidArgument,
        fmt::format("histogram highest must be finite, > lowest ({}) and <= {}, got {}", lowest, kMaxHighest, highest));
  }
  for (std::size_t i = 0; i < export_bounds.size(); ++i) {
    const double b = export_bounds[i];
    if (!(std::isfinite(b) && b > 0.0)) {
      return Error(ErrorCode::kInvalidArgument,
                   fmt::format("histogram export_bounds[{}] must be finite and positive, got {}", i, b));
    }
    if (i > 0 && !(b > export_bounds[i - 1])) {
      return Error(ErrorCode::kInvalidArgument,
                   fmt::format("histogram export_bounds[{}] = {} is not above export_bounds[{}] = {}", i, b, i - 1,
                               export_bounds[i - 1]));
    }
  }
  return Status::Ok();
}

std::vector<double> HistogramOptions::effective_export_bounds() const {
  if (!export_bounds.empty()) return export_bounds;
  const detail::LogLinearLayout layout(lowest, highest);
  std::vector<double> bounds;
  for (int e = static_cast<int>(std::ceil(std::log2(layout.bottom_edge())));; ++e) {
    const double b = std::ldexp(1.0, e);
    if (b > layout.top_edge()) break;
    if (b >= layout.bottom_edge()) bounds.push_back(b);
  }
  return bounds;
}

}  // namespace gauntlet::metrics
