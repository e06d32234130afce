#pragma once
/// The reference state machine the breaker suite compares implementations
/// against (semantics documented on BreakerConfig). A plain copyable value.
#include <cstdint>
#include <deque>
#include <optional>

#include "gauntlet/properties/breaker/breaker_types.h"

namespace gauntlet::properties::breaker {

/// A granted call, tagged with the generation (state-change count) it was granted in.
struct ReferencePermit {
  std::uint64_t generation = 0;
  Nanos started = 0;
};

class ReferenceBreaker {
 public:
  explicit ReferenceBreaker(BreakerConfig config) : config_(config) {}

  /// A permit, or nullopt when the call is rejected. Moves open -> half-open
  /// when the open wait has passed.
  std::optional<ReferencePermit> try_acquire(Nanos now);
  /// Records the result of a permit's call ending at `now`; stale permits are ignored.
  void complete(const ReferencePermit& permit, CallOutcome outcome, Nanos now);
  void force_open(Nanos now);
  void force_closed();

  /// The state as of the last operation (no lazy transition applied).
  BreakerState state() const noexcept { return state_; }
  /// True when `observed` is a state an implementation may report at `now`:
  /// the model's state, or half-open once the open wait has passed.
  bool accepts_state(BreakerState observed, Nanos now) const noexcept;
  /// True when an acquire at `now` would reach the open wait's end.
  bool open_wait_elapsed(Nanos now) const noexcept;
  const BreakerCounts& counts() const noexcept { return counts_; }
  std::uint64_t generation() const noexcept { return generation_; }
  int half_open_in_flight() const noexcept { return half_open_granted_ - static_cast<int>(half_open_results_.size()); }
  const BreakerConfig& config() const noexcept { return config_; }

 private:
  struct Recorded {
    bool failed;
    bool slow;
  };
  void transition(BreakerState to, Nanos now);
  void record_closed(Recorded r, Nanos now);
  void record_half_open(Recorded r, Nanos now);
  bool rates_trip(const std::deque<Recorded>& results) const;

  BreakerConfig config_;
  BreakerState state_ = BreakerState::kClosed;
  std::uint64_t generation_ = 0;
  Nanos opened_at_ = 0;
  int consecutive_bad_ = 0;
  std::deque<Recorded> window_;
  int half_open_granted_ = 0;
  std::deque<Recorded> half_open_results_;
  BreakerCounts counts_;
};

}  // namespace gauntlet::properties::breaker
