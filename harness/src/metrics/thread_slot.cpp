#include "gauntlet/harness/metrics/detail/thread_slot.h"

#include <mutex>
#include <vector>

namespace gauntlet::metrics::detail {
namespace {

// Free exclusive slots. Leaked on purpose: threads may exit after static
// destruction has begun.
struct SlotPool {
  std::mutex mutex;
  std::vector<std::uint32_t> free;
  std::uint32_t next = 0;
};

SlotPool& pool() {
  static SlotPool* p = new SlotPool;
  return *p;
}

// Returns the slot at thread exit. The pool's mutex orders the previous
// owner's last writes before the next owner's first ones.
struct SlotReleaser {
  std::uint32_t slot;
  ~SlotReleaser() {
    // Any metric update from a later thread_local destructor goes to the
    // shared overflow stripe instead of a slot someone else may now own.
    tl_slot_plus_one = kOverflowSlot + 1;
    if (slot >= kExclusiveSlots) return;
    SlotPool& p = pool();
    std::lock_guard lock(p.mutex);
    p.free.push_back(slot);
  }
};

}  // namespace

std::uint32_t acquire_thread_slot() noexcept {
  std::uint32_t slot = kOverflowSlot;
  {
    SlotPool& p = pool();
    std::lock_guard lock(p.mutex);
    if (!p.free.empty()) {
      slot = p.free.back();
      p.free.pop_back();
    } else if (p.next < kExclusiveSlots) {
      slot = p.next++;
    }
  }
  tl_slot_plus_one = slot + 1;
  thread_local SlotReleaser releaser{slot};
  return slot;
}

}  // namespace gauntlet::metrics::detail
