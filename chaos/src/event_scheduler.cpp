#include "gauntlet/chaos/event_scheduler.h"

#include <algorithm>

namespace gauntlet::chaos {

void EventScheduler::at(Nanos at, Action action) {
  queue_.push({std::max(at, clock_.now_ns()), next_seq_++, std::move(action)});
}

std::uint64_t EventScheduler::run_until(Nanos end) {
  std::uint64_t ran = 0;
  while (!queue_.empty() && queue_.top().at <= end) {
    // Move the action out before popping: it may schedule more events.
    Event event = std::move(const_cast<Event&>(queue_.top()));
    queue_.pop();
    clock_.set(event.at);
    event.action();
    ++ran;
  }
  clock_.set(end);
  return ran;
}

}  // namespace gauntlet::chaos
