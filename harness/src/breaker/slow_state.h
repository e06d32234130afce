#pragma once
// Everything off the CLOSED fast path: windows, HALF_OPEN probes, the OPEN
// deadline, counters, recovery times and the event queue. `mu` guards the
// plain fields; atomics are read without it.
#include "gauntlet/harness/breaker/circuit_breaker.h"
#include "windows.h"

#include <atomic>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

namespace gauntlet::breaker::detail {

struct SlowState {
  using Listener = CircuitBreaker::Listener;
  using ListenerId = CircuitBreaker::ListenerId;

  std::mutex mu;
  CountWindow count_window;
  TimeWindow time_window;

  // HALF_OPEN entry.
  int half_open_left = 0;
  std::uint64_t half_open_calls = 0;
  std::uint64_t half_open_failures = 0;
  std::uint64_t half_open_slow = 0;
  std::uint64_t half_open_successes = 0;
  Nanos half_open_since = 0;

  // OPEN entry: read without `mu` by rejecting callers.
  std::atomic<Nanos> open_until{0};
  int open_attempts = 0;

  // Outage (first OPEN after CLOSED) and recoveries.
  std::optional<Nanos> outage_start;
  std::uint64_t recoveries = 0;
  std::optional<Nanos> last_recovery;
  Nanos max_recovery = 0;

  // Counters outside the CLOSED counter word.
  std::atomic<std::uint64_t> rejected{0};
  std::atomic<std::uint64_t> other_successes{0};
  std::atomic<std::uint64_t> other_failures{0};
  std::atomic<std::uint64_t> slow_successes{0};
  std::atomic<std::uint64_t> slow_failures{0};
  std::atomic<std::uint64_t> ignored{0};
  std::atomic<std::uint64_t> released{0};
  std::atomic<std::uint64_t> stale{0};
  std::uint64_t closed_folded = 0;    // calls of finished CLOSED entries
  std::uint64_t closed_failures = 0;  // failures judged in CLOSED (all entries)
  std::uint64_t transitions = 0;

  // Events waiting for delivery; one thread at a time delivers them.
  std::deque<StateTransition> pending;
  bool dispatching = false;
  std::mutex delivery_mu;  // held while one event is delivered
  std::atomic<std::thread::id> delivering_thread{};
  std::mutex listeners_mu;
  std::vector<std::pair<ListenerId, std::shared_ptr<const Listener>>> listeners;
  ListenerId next_listener = 1;

  /// Counts a success or failure that no window judges, or a give-back.
  void count_unjudged(CircuitBreaker::Outcome outcome, bool slow) noexcept;
  /// With `mu` held: starts a new entry of `to` and queues its event.
  void enter(CircuitBreaker& breaker, State to, TransitionReason reason, double failure_rate = -1.0,
             double slow_call_rate = -1.0);
  /// With `mu` held: HALF_OPEN has waited longer than max_wait_in_half_open.
  bool half_open_expired(const CircuitBreaker& breaker, Nanos now) const noexcept;
  /// With `mu` held: judges the CLOSED window and opens when a rate is exceeded.
  void judge_closed(CircuitBreaker& breaker);
  /// Delivers queued events until none are left.
  void dispatch() noexcept;
};

/// Holds `mu` for one operation; on exit delivers the events it queued unless
/// another thread is already delivering.
class Locked {
 public:
  explicit Locked(SlowState& state) : state_(state), lock_(state.mu) {}
  ~Locked() {
    bool deliver = false;
    if (!state_.dispatching && !state_.pending.empty()) {
      state_.dispatching = true;
      deliver = true;
    }
    lock_.unlock();
    if (deliver) state_.dispatch();
  }
  Locked(const Locked&) = delete;
  Locked& operator=(const Locked&) = delete;

 private:
  SlowState& state_;
  std::unique_lock<std::mutex> lock_;
};

}  // namespace gauntlet::breaker::detail
