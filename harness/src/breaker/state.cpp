#include "gauntlet/harness/breaker/state.h"

namespace gauntlet::breaker {

std::string_view to_string(State state) noexcept {
  switch (state) {
    case State::kClosed:
      return "CLOSED";
    case State::kOpen:
      return "OPEN";
    case State::kHalfOpen:
      return "HALF_OPEN";
    case State::kDisabled:
      return "DISABLED";
    case State::kForcedOpen:
      return "FORCED_OPEN";
  }
  return "UNKNOWN";
}

std::string_view to_string(TransitionReason reason) noexcept {
  switch (reason) {
    case TransitionReason::kFailureRateExceeded:
      return "failure_rate_exceeded";
    case TransitionReason::kSlowCallRateExceeded:
      return "slow_call_rate_exceeded";
    case TransitionReason::kConsecutiveFailures:
      return "consecutive_failures";
    case TransitionReason::kWaitElapsed:
      return "wait_elapsed";
    case TransitionReason::kProbesSucceeded:
      return "probes_succeeded";
    case TransitionReason::kHalfOpenTimeout:
      return "half_open_timeout";
    case TransitionReason::kManual:
      return "manual";
    case TransitionReason::kReset:
      return "reset";
  }
  return "unknown";
}

}  // namespace gauntlet::breaker
