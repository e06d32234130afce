#pragma once
/// CircuitBreaker: resilience4j's state machine (CLOSED, OPEN, HALF_OPEN,
/// DISABLED, FORCED_OPEN) driven by a Clock, with a lock-free CLOSED path.
#include "gauntlet/harness/breaker/config.h"
#include "gauntlet/harness/breaker/permit.h"
#include "gauntlet/harness/breaker/state.h"
#include "gauntlet/harness/breaker/stats.h"
#include "gauntlet/harness/clock.h"
#include "gauntlet/harness/error.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>

namespace gauntlet::breaker {

namespace detail {
struct SlowState;
/// Results with `.ok()` (Status, Result<T>) report an error as a failure.
template <typename R> concept OkTestable = requires(const R& r) {
  { r.ok() } -> std::convertible_to<bool>;
};
}  // namespace detail

/// Thread-safe. Not copyable or movable: permits point at it, so it must
/// outlive every permit it grants.
///
/// Cost: in CLOSED with a count-based window (or consecutive mode),
/// `try_acquire` is one atomic load and a fast `record_success` one relaxed
/// fetch_add; the clock is not read. Failures, slow calls, a time-based
/// window, HALF_OPEN and the OPEN wait check take the slow path (a mutex and,
/// where time matters, a clock read).
///
/// Concurrency: HALF_OPEN never has more than `permitted_calls_in_half_open`
/// probes unresolved; once they resolve it closes, reopens or admits more.
/// Rejections are counted apart and never judged as failures.
class CircuitBreaker {
 public:
  using Listener = std::function<void(const StateTransition&)>;
  using ListenerId = std::uint64_t;

  /// kInvalidArgument if `config.validate()` fails. `clock` must outlive it.
  static Result<std::unique_ptr<CircuitBreaker>> create(std::string name, BreakerConfig config,
                                                        Clock& clock = RealClock::instance());
  ~CircuitBreaker();
  CircuitBreaker(const CircuitBreaker&) = delete;
  CircuitBreaker& operator=(const CircuitBreaker&) = delete;

  const std::string& name() const noexcept { return name_; }
  const BreakerConfig& config() const noexcept { return config_; }
  Clock& clock() const noexcept { return clock_; }

  /// A granted permit, or a rejected one (OPEN before its wait is over,
  /// FORCED_OPEN, HALF_OPEN with all probes out). In OPEN after the wait it
  /// moves to HALF_OPEN and grants the first probe.
  Permit try_acquire() noexcept {
    const std::uint64_t word = state_word_.load(std::memory_order_acquire);
    if (static_cast<State>(word & kStateMask) == State::kClosed) [[likely]] {
      return Permit(this, word >> kGenerationShift, State::kClosed);
    }
    return acquire_slow();
  }

  /// Runs `fn` when permitted, timing it on the breaker's clock. A thrown
  /// exception is recorded as a failure and answered by `fallback()`; so is
  /// a rejection. When `fn` returns something with `.ok()` (Status,
  /// Result<T>), a non-ok value is recorded as a failure and returned as is.
  template <typename Fn, typename Fallback>
  std::invoke_result_t<Fn&> call(Fn&& fn, Fallback&& fallback);

  /// The current state (no time-driven change is applied).
  State state() const noexcept { return static_cast<State>(state_word_.load(std::memory_order_acquire) & kStateMask); }
  /// Generation of the current state entry; each transition adds one.
  std::uint64_t generation() const noexcept { return state_word_.load(std::memory_order_acquire) >> kGenerationShift; }
  /// Applies the transitions due by the clock: OPEN to HALF_OPEN when the wait
  /// is over and automatic_transition_from_open_to_half_open is set, HALF_OPEN
  /// to OPEN after max_wait_in_half_open. Returns the resulting state.
  State poll();

  /// Manual transitions; each returns false (and publishes nothing) when the
  /// breaker is already in that state. A new entry discards the old window.
  bool transition_to_closed();
  bool transition_to_open();
  bool transition_to_half_open();
  bool transition_to_disabled();
  bool transition_to_forced_open();
  /// Back to a fresh CLOSED entry whatever the state (published as kReset).
  /// Cumulative counters are kept.
  void reset();

  /// Counters, current rates and recovery times.
  BreakerStats stats() const;
  /// Duration of the last outage that ended in CLOSED (see StateTransition).
  std::optional<Nanos> last_recovery_ns() const;

  /// Listeners get every transition once, in order, one event at a time
  /// (possibly on a thread other than the one that caused it). They may call
  /// back into the breaker; exceptions they throw are swallowed.
  ListenerId add_listener(Listener listener);
  /// False if `id` is unknown. Once it returns the listener is not running
  /// on another thread and will not be called again, so what it captured may
  /// be destroyed (a listener may remove itself).
  bool remove_listener(ListenerId id);

 private:
  friend class Permit;
  friend struct detail::SlowState;
  enum class Outcome : std::uint8_t { kSuccess, kFailure, kIgnored, kReleased };

  static constexpr std::uint64_t kStateMask = 0xff;
  static constexpr int kGenerationShift = 8;
  static constexpr int kTagShift = 48;
  static constexpr std::uint64_t kCountMask = (std::uint64_t{1} << kTagShift) - 1;
  /// Tag of the CLOSED counter word for a generation (top bit: a CLOSED entry).
  static constexpr std::uint64_t closed_tag(std::uint64_t generation) noexcept {
    return (generation & 0x7fff) | 0x8000;
  }

  CircuitBreaker(std::string name, BreakerConfig config, Clock& clock);

  void on_success(std::uint64_t generation, State admitted, Nanos duration) noexcept {
    if (admitted == State::kClosed && fast_success_ && duration < slow_threshold_ns_) [[likely]] {
      const std::uint64_t old = closed_calls_.fetch_add(1, std::memory_order_relaxed);
      if ((old >> kTagShift) == closed_tag(generation)) [[likely]] {
        if (consecutive_) {
          if (consecutive_failures_.load(std::memory_order_relaxed) == 0) return;
        } else if ((old & kCountMask) + 1 < min_calls_ || closed_min_reached_.load(std::memory_order_relaxed)) {
          return;
        }
        closed_success_slow(generation);
      } else {
        stray_success(old);
      }
      return;
    }
    record_slow(generation, admitted, Outcome::kSuccess, duration);
  }

  Permit acquire_slow() noexcept;
  void closed_success_slow(std::uint64_t generation) noexcept;
  void stray_success(std::uint64_t old_word) noexcept;
  void record_slow(std::uint64_t generation, State admitted, Outcome outcome, Nanos duration) noexcept;

  // Read on every call, written only by transitions.
  alignas(64) std::atomic<std::uint64_t> state_word_;
  std::atomic<bool> closed_min_reached_{false};
  const bool fast_success_;
  const bool consecutive_;
  const Nanos slow_threshold_ns_;
  const std::uint64_t min_calls_;
  // Written by every CLOSED record: [tag:16][calls in this CLOSED entry:48].
  alignas(64) std::atomic<std::uint64_t> closed_calls_;
  std::atomic<std::uint32_t> consecutive_failures_{0};
  std::atomic<std::uint64_t> closed_released_{0};  // permits given back unused in CLOSED
  alignas(64) std::string name_;
  BreakerConfig config_;
  Clock& clock_;
  std::unique_ptr<detail::SlowState> slow_;
};

inline void Permit::record_success(Nanos duration) noexcept {
  if (breaker_ == nullptr) return;
  CircuitBreaker* breaker = std::exchange(breaker_, nullptr);
  breaker->on_success(generation_, state_, duration);
}
inline void Permit::record_failure(Nanos duration) noexcept {
  if (breaker_ == nullptr) return;
  std::exchange(breaker_, nullptr)->record_slow(generation_, state_, CircuitBreaker::Outcome::kFailure, duration);
}
inline void Permit::record_ignored() noexcept {
  if (breaker_ == nullptr) return;
  std::exchange(breaker_, nullptr)->record_slow(generation_, state_, CircuitBreaker::Outcome::kIgnored, 0);
}
inline void Permit::release() noexcept {
  if (breaker_ == nullptr) return;
  CircuitBreaker* breaker = std::exchange(breaker_, nullptr);
  if (state_ == State::kClosed) {
    breaker->closed_released_.fetch_add(1, std::memory_order_relaxed);  // changes no window
    return;
  }
  breaker->record_slow(generation_, state_, CircuitBreaker::Outcome::kReleased, 0);
}

template <typename Fn, typename Fallback>
std::invoke_result_t<Fn&> CircuitBreaker::call(Fn&& fn, Fallback&& fallback) {
  using R = std::invoke_result_t<Fn&>;
  Permit permit = try_acquire();
  if (!permit) return std::invoke(fallback);
  const Nanos start = clock_.now_ns();
  try {
    if constexpr (std::is_void_v<R>) {
      std::invoke(fn);
      permit.record_success(clock_.now_ns() - start);
    } else {
      R result = std::invoke(fn);
      const Nanos duration = clock_.now_ns() - start;
      if constexpr (detail::OkTestable<R>) {
        if (!result.ok()) {
          permit.record_failure(duration);
          return result;
        }
      }
      permit.record_success(duration);
      return result;
    }
  } catch (...) {
    permit.record_failure(clock_.now_ns() - start);
    return std::invoke(fallback);
  }
}

}  // namespace gauntlet::breaker
