#include "gauntlet/harness/metrics/counter.h"

namespace gauntlet::metrics {

Counter::~Counter() {
  for (auto& cell : cells_) delete cell.load(std::memory_order_acquire);
}

detail::PaddedCell* Counter::make_cell(std::uint32_t slot) noexcept {
  // Only the slot's current owner creates its cell; readers load with acquire.
  auto* cell = new detail::PaddedCell;
  cells_[slot].store(cell, std::memory_order_release);
  return cell;
}

std::uint64_t Counter::value() const noexcept {
  std::uint64_t total = overflow_.value.load(std::memory_order_relaxed);
  for (const auto& c : cells_) {
    if (const detail::PaddedCell* cell = c.load(std::memory_order_acquire)) {
      total += cell->value.load(std::memory_order_relaxed);
    }
  }
  return total;
}

}  // namespace gauntlet::metrics
