#pragma once
/// BreakerStats: a plain-data snapshot of a breaker's counters.
#include "gauntlet/harness/breaker/state.h"
#include "gauntlet/harness/clock.h"

#include <cstdint>
#include <optional>

namespace gauntlet::breaker {

/// Counters since the breaker was created. A permit is counted when it
/// resolves (an outcome is recorded or it is released), so while calls are in
/// flight `permitted` lags the permits handed out; once every permit has
/// resolved the counts are exact.
struct BreakerStats {
  State state = State::kClosed;
  std::uint64_t generation = 0;

  std::uint64_t permitted = 0;  ///< successes + failures + ignored + released
  std::uint64_t rejected = 0;   ///< try_acquire refusals (never failures)
  std::uint64_t successes = 0;
  std::uint64_t failures = 0;
  std::uint64_t slow_successes = 0;  ///< subset of successes
  std::uint64_t slow_failures = 0;   ///< subset of failures
  std::uint64_t ignored = 0;         ///< record_ignored(): not judged
  std::uint64_t released = 0;        ///< resolved without an outcome
  /// Subset of successes + failures: results of permits from an earlier state
  /// entry, which were not judged.
  std::uint64_t stale = 0;
  std::uint64_t transitions = 0;

  /// Current window (CLOSED) or probe set (HALF_OPEN): percent, or -1 while
  /// fewer calls than required have been recorded.
  double failure_rate = -1.0;
  double slow_call_rate = -1.0;
  std::uint64_t window_calls = 0;

  /// Outages that ended in CLOSED: count, last and longest duration.
  std::uint64_t recoveries = 0;
  std::optional<Nanos> last_recovery_ns;
  Nanos max_recovery_ns = 0;

  std::uint64_t attempted() const noexcept { return permitted + rejected; }
};

}  // namespace gauntlet::breaker
