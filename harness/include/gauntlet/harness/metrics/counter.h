#pragma once
/// Counter: a monotonic integer count, sharded per thread so concurrent
/// increments never share a written cache line.
#include "gauntlet/harness/metrics/detail/thread_slot.h"

#include <array>
#include <atomic>
#include <cstdint>

namespace gauntlet::metrics {

namespace detail {
struct alignas(64) PaddedCell {
  std::atomic<std::uint64_t> value{0};
};
}  // namespace detail

/// A monotonic counter. Thread-safe; `inc` is wait-free. Not copyable or
/// movable (handles to it stay valid for its lifetime).
class Counter {
 public:
  Counter() = default;
  ~Counter();
  Counter(const Counter&) = delete;
  Counter& operator=(const Counter&) = delete;

  /// Adds `n` (default 1). Wraps modulo 2^64 (not expected in practice).
  void inc(std::uint64_t n = 1) noexcept {
    std::uint32_t slot = detail::thread_slot();
    if (slot < detail::kExclusiveSlots) [[likely]] {
      detail::PaddedCell* cell = cells_[slot].load(std::memory_order_acquire);
      if (cell == nullptr) [[unlikely]]
        cell = make_cell(slot);
      // Only this thread writes this cell: load + store, no locked RMW.
      cell->value.store(cell->value.load(std::memory_order_relaxed) + n, std::memory_order_relaxed);
    } else {
      overflow_.value.fetch_add(n, std::memory_order_relaxed);
    }
  }

  /// Sum over all stripes. Concurrent increments may or may not be included;
  /// successive reads never decrease.
  std::uint64_t value() const noexcept;

 private:
  detail::PaddedCell* make_cell(std::uint32_t slot) noexcept;

  std::array<std::atomic<detail::PaddedCell*>, detail::kExclusiveSlots> cells_{};
  detail::PaddedCell overflow_;
};

}  // namespace gauntlet::metrics
