#include "gauntlet/harness/metrics/detail/log_linear_layout.h"

#include <limits>

namespace gauntlet::metrics::detail {
namespace {

std::uint64_t key_of(double v) noexcept { return (std::bit_cast<std::uint64_t>(v) - 1) >> LogLinearLayout::kShift; }
double edge_of(std::uint64_t key) noexcept { return std::bit_cast<double>(key << LogLinearLayout::kShift); }

}  // namespace

LogLinearLayout::LogLinearLayout(double lowest, double highest) noexcept
    : lowest_(lowest),
      highest_(highest),
      bottom_edge_(edge_of(key_of(lowest))),
      top_edge_(edge_of(key_of(highest) + 1)),
      bottom_bits_(std::bit_cast<std::uint64_t>(bottom_edge_)),
      top_bits_(std::bit_cast<std::uint64_t>(top_edge_)),
      base_key_(key_of(lowest)),
      size_(static_cast<std::size_t>(key_of(highest) - key_of(lowest)) + 3) {}

double LogLinearLayout::lower_edge(std::size_t i) const noexcept {
  if (i == 0) return 0.0;
  if (i >= size_ - 1) return top_edge_;
  return edge_of(base_key_ + i - 1);
}

double LogLinearLayout::upper_edge(std::size_t i) const noexcept {
  if (i == 0) return bottom_edge_;
  if (i >= size_ - 1) return std::numeric_limits<double>::infinity();
  return edge_of(base_key_ + i);
}

double LogLinearLayout::representative(std::size_t i) const noexcept {
  if (i == 0) return bottom_edge_ / 2.0;
  if (i >= size_ - 1) return top_edge_;
  return (lower_edge(i) + upper_edge(i)) / 2.0;
}

}  // namespace gauntlet::metrics::detail
