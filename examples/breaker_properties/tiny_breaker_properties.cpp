// Gauntlet's breaker property suite instantiated for tiny::Breaker.
#include <memory>
#include <optional>

#include "gauntlet/properties/breaker/suite.h"
#include "tiny_breaker.h"

namespace gp = gauntlet::properties::breaker;

struct TinyBreakerAdapter {
  using Breaker = tiny::Breaker;
  using Permit = tiny::Breaker::Permit;

  static gp::BreakerCapabilities capabilities() {
    return {.consecutive_mode = true,
            .rate_mode = false,
            .slow_calls = false,
            .forced_states = false,
            .stale_results = true,
            .thread_safe = false,
            .permitted_counted_at_grant = true};
  }
  static std::unique_ptr<Breaker> make(const gp::BreakerConfig& c, gauntlet::ManualClock& clock) {
    return std::make_unique<Breaker>(c.failure_threshold, c.open_wait, c.half_open_permits, clock);
  }
  static std::optional<Permit> try_acquire(Breaker& b) { return b.try_acquire(); }
  static void complete(Breaker& b, Permit& p, gp::CallOutcome outcome, gauntlet::Nanos /*duration*/) {
    b.complete(p, outcome == gp::CallOutcome::kSuccess);
  }
  static gp::BreakerState state(Breaker& b) {
    switch (b.state()) {
      case tiny::State::kClosed:
        return gp::BreakerState::kClosed;
      case tiny::State::kOpen:
        return gp::BreakerState::kOpen;
      case tiny::State::kHalfOpen:
        return gp::BreakerState::kHalfOpen;
    }
    return gp::BreakerState::kClosed;
  }
  static gp::BreakerCounts counts(Breaker& b) {
    const auto c = b.counts();
    return {.attempted = c.attempted, .permitted = c.permitted, .rejected = c.rejected, .failures = c.failures};
  }
  static void force_open(Breaker&) {}  // not supported (capabilities say so)
  static void force_closed(Breaker&) {}
};

GAUNTLET_INSTANTIATE_BREAKER_PROPERTIES(TinyBreaker, TinyBreakerAdapter);
