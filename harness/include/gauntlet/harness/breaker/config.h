#pragma once
/// Configuration of a circuit breaker, covering resilience4j's options plus
/// the simple consecutive-failures mode (N failures open, M successes close).
#include "gauntlet/harness/clock.h"
#include "gauntlet/harness/error.h"

#include <functional>

namespace gauntlet::breaker {

/// What trips the breaker while CLOSED and what closes it from HALF_OPEN.
enum class TripPolicy {
  /// resilience4j: failure rate or slow-call rate over a sliding window, once
  /// the window holds `minimum_calls`; HALF_OPEN closes when the rates of its
  /// `permitted_calls_in_half_open` probes stay below the thresholds.
  kFailureRate,
  /// `consecutive_failures_to_open` failures in a row open it; in HALF_OPEN
  /// the first failure reopens it and `consecutive_successes_to_close`
  /// successes close it. Call durations are not judged in this mode.
  kConsecutiveFailures,
};

/// How the failure-rate window is measured.
enum class SlidingWindowType {
  kCountBased,  ///< the last `window_size` recorded calls
  kTimeBased,   ///< calls recorded in the last `window_size` seconds (1 s buckets)
};

/// Wait in OPEN before probing, given the opening's attempt number (1 for
/// the first opening after CLOSED, 2 after a failed HALF_OPEN, ...).
using WaitFunction = std::function<Nanos(int attempt)>;

/// Every field has resilience4j's default unless noted.
struct BreakerConfig {
  TripPolicy policy = TripPolicy::kFailureRate;

  /// Percent in (0, 100]: open when the failure rate is at or above it.
  double failure_rate_threshold = 50.0;
  /// Percent in (0, 100]: open when the share of slow calls is at or above it.
  double slow_call_rate_threshold = 100.0;
  /// A call lasting at least this long is slow (> 0).
  Nanos slow_call_duration = 60 * kNanosPerSecond;

  SlidingWindowType window_type = SlidingWindowType::kCountBased;
  /// Calls (count-based) or seconds (time-based), >= 1.
  int window_size = 100;
  /// Rates are not judged before the window holds this many calls (>= 1;
  /// capped at `window_size` for a count-based window, as resilience4j does).
  int minimum_calls = 100;

  /// Fixed wait in OPEN (> 0), used when `wait_function` is empty.
  Nanos wait_in_open = 60 * kNanosPerSecond;
  /// Optional backoff: overrides `wait_in_open` (see `exponential_backoff`).
  WaitFunction wait_function;
  /// OPEN moves to HALF_OPEN by itself when the wait is over, observed by
  /// `CircuitBreaker::poll()`; without it the first `try_acquire` after the
  /// wait makes the move (resilience4j's lazy behaviour).
  bool automatic_transition_from_open_to_half_open = false;

  /// Probes admitted per HALF_OPEN entry (>= 1). Permits given back without
  /// an outcome (released, ignored) are admitted again.
  int permitted_calls_in_half_open = 10;
  /// HALF_OPEN reopens after this long without a decision; 0 waits for the
  /// probes (never stuck either way: an unresolved permit releases itself).
  Nanos max_wait_in_half_open = 0;

  /// kConsecutiveFailures only (both >= 1; permitted_calls_in_half_open must
  /// be at least consecutive_successes_to_close).
  int consecutive_failures_to_open = 5;
  int consecutive_successes_to_close = 2;

  /// The simple mode: `failures` in a row open, `successes` in a row close
  /// from HALF_OPEN, `wait` in OPEN. Seed 001 is consecutive(5, 2, 60 s).
  static BreakerConfig consecutive(int failures, int successes, Nanos wait);

  /// kInvalidArgument naming the first field that breaks its rule.
  Status validate() const;

  /// The wait for the given opening attempt (>= 1), from `wait_function` or
  /// `wait_in_open`; never negative.
  Nanos wait_for_attempt(int attempt) const;
};

/// initial * multiplier^(attempt-1), capped at `max` (multiplier >= 1).
WaitFunction exponential_backoff(Nanos initial, double multiplier, Nanos max);

}  // namespace gauntlet::breaker
