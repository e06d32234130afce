#pragma once
/// Breaker states and the transition record published to listeners.
#include "gauntlet/harness/clock.h"

#include <cstdint>
#include <optional>
#include <string_view>

namespace gauntlet::breaker {

enum class State : std::uint8_t {
  kClosed = 0,      ///< calls flow; outcomes are judged
  kOpen = 1,        ///< calls are rejected until the wait is over
  kHalfOpen = 2,    ///< a limited number of probes decide closed or open
  kDisabled = 3,    ///< manual: every call is allowed, nothing is judged
  kForcedOpen = 4,  ///< manual: every call is rejected
};

/// "CLOSED", "OPEN", "HALF_OPEN", "DISABLED", "FORCED_OPEN".
std::string_view to_string(State state) noexcept;

/// The numeric value exported by the state gauge (the enum's value).
constexpr int state_gauge_value(State state) noexcept { return static_cast<int>(state); }

/// Why a transition happened.
enum class TransitionReason : std::uint8_t {
  kFailureRateExceeded,   ///< CLOSED or HALF_OPEN judged the failure rate
  kSlowCallRateExceeded,  ///< CLOSED or HALF_OPEN judged the slow-call rate
  kConsecutiveFailures,   ///< consecutive mode: N failures in a row (or a failed probe)
  kWaitElapsed,           ///< OPEN's wait is over
  kProbesSucceeded,       ///< HALF_OPEN's probes closed it
  kHalfOpenTimeout,       ///< HALF_OPEN exceeded max_wait_in_half_open
  kManual,                ///< a transition_to_* call
  kReset,                 ///< reset()
};

std::string_view to_string(TransitionReason reason) noexcept;

/// One state change, published once to each listener, in order.
struct StateTransition {
  State from = State::kClosed;
  State to = State::kClosed;
  TransitionReason reason = TransitionReason::kManual;
  Nanos at_ns = 0;               ///< breaker clock time of the change
  std::uint64_t generation = 0;  ///< the new state entry's generation
  /// Failure and slow-call rate (percent) that tripped it; -1 when not judged.
  double failure_rate = -1.0;
  double slow_call_rate = -1.0;
  /// Set on a transition to CLOSED that ends an outage: time since the
  /// breaker entered OPEN after its last CLOSED state.
  std::optional<Nanos> recovery_ns;
};

}  // namespace gauntlet::breaker
