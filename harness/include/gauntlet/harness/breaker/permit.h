#pragma once
/// Permit: the right to make one call through a breaker, returned by
/// `CircuitBreaker::try_acquire`. The call's outcome is reported on it.
#include "gauntlet/harness/breaker/state.h"
#include "gauntlet/harness/clock.h"

#include <cstdint>
#include <utility>

namespace gauntlet::breaker {

class CircuitBreaker;

/// Move-only. A granted permit remembers the state entry (generation) that
/// admitted it: an outcome reported after the breaker moved on is counted as
/// stale and never judged. The first outcome wins; later ones are ignored. A
/// granted permit destroyed without an outcome releases itself (HALF_OPEN
/// admits another probe), so a lost call can never wedge the breaker.
class [[nodiscard]] Permit {
 public:
  /// A rejected permit.
  Permit() noexcept = default;
  Permit(Permit&& other) noexcept
      : breaker_(std::exchange(other.breaker_, nullptr)), generation_(other.generation_), state_(other.state_) {}
  Permit& operator=(Permit&& other) noexcept {
    if (this != &other) {
      release();
      breaker_ = std::exchange(other.breaker_, nullptr);
      generation_ = other.generation_;
      state_ = other.state_;
    }
    return *this;
  }
  Permit(const Permit&) = delete;
  Permit& operator=(const Permit&) = delete;
  ~Permit() { release(); }

  /// True while granted and not yet resolved.
  explicit operator bool() const noexcept { return breaker_ != nullptr; }
  bool granted() const noexcept { return breaker_ != nullptr; }

  /// Granted: the state that admitted the call. Rejected: the state that
  /// refused it (OPEN, FORCED_OPEN or a full HALF_OPEN).
  State state() const noexcept { return state_; }
  /// Generation of the admitting state entry (0 for a rejected permit).
  std::uint64_t generation() const noexcept { return generation_; }

  /// The call succeeded after `duration` ns (slow at or above the config's
  /// slow_call_duration).
  inline void record_success(Nanos duration = 0) noexcept;
  /// The call failed after `duration` ns.
  inline void record_failure(Nanos duration = 0) noexcept;
  /// The call ended in an error that must not count (resilience4j's ignored
  /// exceptions): the permit is given back, nothing is judged.
  inline void record_ignored() noexcept;
  /// Gives the permit back without an outcome (the call was not made).
  inline void release() noexcept;

 private:
  friend class CircuitBreaker;
  Permit(CircuitBreaker* breaker, std::uint64_t generation, State state) noexcept
      : breaker_(breaker), generation_(generation), state_(state) {}
  explicit Permit(State rejected_by) noexcept : state_(rejected_by) {}

  CircuitBreaker* breaker_ = nullptr;
  std::uint64_t generation_ = 0;
  State state_ = State::kOpen;
};

}  // namespace gauntlet::breaker
