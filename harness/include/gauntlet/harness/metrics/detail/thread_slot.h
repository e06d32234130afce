#pragma once
// Per-thread stripe index for sharded metric storage (internal).
#include <cstdint>

namespace gauntlet::metrics::detail {

/// Number of exclusive stripes. A thread holding slot s < kExclusiveSlots is
/// the only writer of stripe s of every metric while it lives, so it updates
/// with plain relaxed load + store (no lock-prefixed instruction). Threads
/// beyond that share an overflow stripe written with atomic RMW or a lock.
inline constexpr std::uint32_t kExclusiveSlots = 64;
inline constexpr std::uint32_t kOverflowSlot = kExclusiveSlots;

/// Slot + 1 of the calling thread, 0 until first use.
constinit inline thread_local std::uint32_t tl_slot_plus_one = 0;

/// Assigns the calling thread a slot (reusing slots of exited threads, with a
/// happens-before edge from the previous owner's last write) and arranges its
/// release at thread exit. Returns the slot.
std::uint32_t acquire_thread_slot() noexcept;

/// The calling thread's slot: < kExclusiveSlots (exclusive) or kOverflowSlot.
inline std::uint32_t thread_slot() noexcept {
  std::uint32_t s = tl_slot_plus_one;
  return s != 0 ? s - 1 : acquire_thread_slot();
}

}  // namespace gauntlet::metrics::detail
