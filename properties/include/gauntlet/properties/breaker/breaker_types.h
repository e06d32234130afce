#pragma once
/// Vocabulary shared by the breaker suite, its reference model and adapters.
#include <cstdint>
#include <ostream>

#include "gauntlet/harness/clock.h"

namespace gauntlet::properties::breaker {

enum class BreakerState { kClosed, kOpen, kHalfOpen };
enum class BreakerMode {
  kConsecutive,  ///< opens after `failure_threshold` failures in a row
  kRate,         ///< opens when the failure (or slow) rate over a count window reaches its threshold
};
enum class CallOutcome { kSuccess, kFailure };

/// The configuration the suite asks the adapter to build a breaker with.
/// Semantics follow resilience4j's count-based breaker:
/// - Closed, consecutive mode: a failure increments the run, a success resets
///   it (durations are not judged); the run reaching failure_threshold opens
///   the breaker.
/// - Closed, rate mode: the last `window_size` results are kept; once at least
///   `minimum_calls` are recorded, failure% >= failure_rate_threshold or
///   slow% >= slow_rate_threshold opens the breaker.
/// - Open: every call is rejected until `open_wait` has passed since opening;
///   the next acquire then moves to half-open.
/// - Half-open: at most `half_open_permits` calls are admitted; once they all
///   completed the breaker closes (consecutive: all succeeded; rate: both
///   rates below threshold over those calls) or opens again. Consecutive mode
///   reopens on the first failing trial call.
/// - Results of permits granted before the latest state change are stale and
///   never judged. Rejected calls are never counted as failures.
/// - Forcing the state the breaker is already in changes nothing.
struct BreakerConfig {
  BreakerMode mode = BreakerMode::kConsecutive;
  int failure_threshold = 3;
  int window_size = 6;
  int minimum_calls = 4;
  int failure_rate_threshold = 50;  ///< percent
  int slow_rate_threshold = 100;    ///< percent; 100 with no slow calls never opens
  Nanos slow_call_duration = 50 * kNanosPerMilli;
  Nanos open_wait = 1 * kNanosPerSecond;
  int half_open_permits = 2;
};

/// What the implementation supports; properties outside it are skipped.
struct BreakerCapabilities {
  bool consecutive_mode = true;
  bool rate_mode = true;
  bool slow_calls = true;     ///< counts slow calls (duration threshold)
  bool forced_states = true;  ///< force_open / force_closed
  bool stale_results = true;  ///< results carry a generation and stale ones are ignored
  bool thread_safe = true;    ///< concurrent acquire/complete allowed
  /// `permitted` counts a permit when granted (false: when its call completes,
  /// so counts are compared only while no permit is outstanding).
  bool permitted_counted_at_grant = true;
};

/// Counters the implementation keeps (or the adapter derives).
struct BreakerCounts {
  std::int64_t attempted = 0;  ///< acquire calls
  std::int64_t permitted = 0;  ///< acquire calls that returned a permit
  std::int64_t rejected = 0;   ///< acquire calls that were refused
  std::int64_t failures = 0;   ///< failure outcomes reported on permits (stale ones included; never rejections)
  friend bool operator==(const BreakerCounts&, const BreakerCounts&) = default;
};

inline const char* to_string(BreakerState s) {
  switch (s) {
    case BreakerState::kClosed:
      return "closed";
    case BreakerState::kOpen:
      return "open";
    case BreakerState::kHalfOpen:
      return "half_open";
  }
  return "?";
}
inline const char* to_string(BreakerMode m) { return m == BreakerMode::kConsecutive ? "consecutive" : "rate"; }
inline const char* to_string(CallOutcome o) { return o == CallOutcome::kSuccess ? "success" : "failure"; }
inline std::ostream& operator<<(std::ostream& os, BreakerState s) { return os << to_string(s); }
inline std::ostream& operator<<(std::ostream& os, BreakerMode m) { return os << to_string(m); }
inline std::ostream& operator<<(std::ostream& os, CallOutcome o) { return os << to_string(o); }

/// Every field labelled, e.g. "{mode=rate, failure_threshold=3, ...}".
inline std::ostream& operator<<(std::ostream& os, const BreakerConfig& c) {
  return os << "{mode=" << c.mode << ", failure_threshold=" << c.failure_threshold << ", window_size=" << c.window_size
            << ", minimum_calls=" << c.minimum_calls << ", failure_rate_threshold=" << c.failure_rate_threshold
            << "%, slow_rate_threshold=" << c.slow_rate_threshold << "%, slow_call_duration=" << c.slow_call_duration
            << "ns, open_wait=" << c.open_wait << "ns, half_open_permits=" << c.half_open_permits << "}";
}
inline std::ostream& operator<<(std::ostream& os, const BreakerCounts& c) {
  return os << "{attempted=" << c.attempted << ", permitted=" << c.permitted << ", rejected=" << c.rejected
            << ", failures=" << c.failures << "}";
}

// RapidCheck prints generated values through showValue (found by ADL).
inline void showValue(BreakerState s, std::ostream& os) { os << s; }
inline void showValue(BreakerMode m, std::ostream& os) { os << m; }
inline void showValue(CallOutcome o, std::ostream& os) { os << o; }
inline void showValue(const BreakerConfig& c, std::ostream& os) { os << c; }
inline void showValue(const BreakerCounts& c, std::ostream& os) { os << c; }

}  // namespace gauntlet::properties::breaker
