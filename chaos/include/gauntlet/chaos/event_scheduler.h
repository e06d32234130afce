#pragma once
/// A discrete-event scheduler on a ManualClock: events run in time order
/// (ties in the order they were scheduled) and the clock jumps to each event's
/// time, so simulated seconds cost only the work done in them.
#include <cstdint>
#include <functional>
#include <queue>
#include <vector>

#include "gauntlet/harness/clock.h"

namespace gauntlet::chaos {

class EventScheduler {
 public:
  using Action = std::function<void()>;

  explicit EventScheduler(ManualClock& clock) : clock_(clock) {}

  /// Runs `action` at absolute clock time `at` (clamped to now).
  void at(Nanos at, Action action);
  /// Runs `action` `delay` from now.
  void after(Nanos delay, Action action) { at(clock_.now_ns() + delay, std::move(action)); }
  /// Runs events until the queue is empty or the next is later than `end`;
  /// the clock ends at `end`. Returns the number of events run.
  std::uint64_t run_until(Nanos end);
  std::size_t pending() const noexcept { return queue_.size(); }
  Nanos now() const noexcept { return clock_.now_ns(); }

 private:
  struct Event {
    Nanos at;
    std::uint64_t seq;
    Action action;
  };
  struct Later {
    bool operator()(const Event& a, const Event& b) const noexcept {
      return a.at != b.at ? a.at > b.at : a.seq > b.seq;
    }
  };

  ManualClock& clock_;
  std::priority_queue<Event, std::vector<Event>, Later> queue_;
  std::uint64_t next_seq_ = 0;
};

}  // namespace gauntlet::chaos
