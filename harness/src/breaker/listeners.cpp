// Listener registration and in-order event delivery.
#include "slow_state.h"

#include <algorithm>

namespace gauntlet::breaker {

CircuitBreaker::ListenerId CircuitBreaker::add_listener(Listener listener) {
  std::lock_guard lock(slow_->listeners_mu);
  const ListenerId id = slow_->next_listener++;
  slow_->listeners.emplace_back(id, std::make_shared<const Listener>(std::move(listener)));
  return id;
}

bool CircuitBreaker::remove_listener(ListenerId id) {
  std::unique_lock lock(slow_->listeners_mu);
  auto& listeners = slow_->listeners;
  auto it = std::find_if(listeners.begin(), listeners.end(), [id](const auto& entry) { return entry.first == id; });
  if (it == listeners.end()) return false;
  listeners.erase(it);
  lock.unlock();
  // Wait out a delivery in progress on another thread, which may still hold
  // the removed listener; a listener removing itself does not wait.
  if (slow_->delivering_thread.load() != std::this_thread::get_id()) {
    std::lock_guard wait(slow_->delivery_mu);
  }
  return true;
}

namespace detail {

void SlowState::dispatch() noexcept {
  std::vector<std::shared_ptr<const Listener>> targets;
  for (;;) {
    StateTransition event;
    {
      std::lock_guard lock(mu);
      if (pending.empty()) {
        dispatching = false;
        return;
      }
      event = pending.front();
      pending.pop_front();
    }
    std::lock_guard delivering(delivery_mu);
    delivering_thread.store(std::this_thread::get_id());
    targets.clear();
    {
      std::lock_guard lock(listeners_mu);
      for (const auto& entry : listeners) targets.push_back(entry.second);
    }
    for (const auto& listener : targets) {
      try {
        (*listener)(event);
      } catch (...) {
        // A listener's failure must not break the breaker or other listeners.
      }
    }
    targets.clear();
    delivering_thread.store(std::thread::id());
  }
}

}  // namespace detail
}  // namespace gauntlet::breaker
