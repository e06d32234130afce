#pragma once
/// BreakerAdapter for Gauntlet's own gauntlet::breaker::CircuitBreaker.
#include <atomic>
#include <memory>
#include <optional>

#include "gauntlet/harness/breaker/circuit_breaker.h"
#include "gauntlet/properties/breaker/adapter.h"

namespace gauntlet::properties::adapters {

struct GauntletBreakerAdapter {
  struct Breaker {
    std::unique_ptr<gauntlet::breaker::CircuitBreaker> impl;
    std::atomic<std::int64_t> attempts{0};  // the breaker counts outcomes, not attempts
  };
  using Permit = gauntlet::breaker::Permit;

  static breaker::BreakerCapabilities capabilities() {
    breaker::BreakerCapabilities caps;
    caps.permitted_counted_at_grant = false;  // BreakerStats counts a permit when it resolves
    return caps;
  }

  static std::unique_ptr<Breaker> make(const breaker::BreakerConfig& c, ManualClock& clock) {
    gauntlet::breaker::BreakerConfig config;
    if (c.mode == breaker::BreakerMode::kConsecutive) {
      config = gauntlet::breaker::BreakerConfig::consecutive(c.failure_threshold, c.half_open_permits, c.open_wait);
    } else {
      config.failure_rate_threshold = c.failure_rate_threshold;
      config.slow_call_rate_threshold = c.slow_rate_threshold;
      config.slow_call_duration = c.slow_call_duration;
      config.window_size = c.window_size;
      config.minimum_calls = c.minimum_calls;
      config.wait_in_open = c.open_wait;
    }
    config.permitted_calls_in_half_open = c.half_open_permits;
    auto created = gauntlet::breaker::CircuitBreaker::create("property", config, clock);
    if (!created) return nullptr;
    auto b = std::make_unique<Breaker>();
    b->impl = std::move(*created);
    return b;
  }

  static std::optional<Permit> try_acquire(Breaker& b) {
    b.attempts.fetch_add(1, std::memory_order_relaxed);
    Permit p = b.impl->try_acquire();
    if (!p.granted()) return std::nullopt;
    return std::optional<Permit>(std::move(p));
  }

  static void complete(Breaker&, Permit& p, breaker::CallOutcome outcome, Nanos duration) {
    if (outcome == breaker::CallOutcome::kSuccess) {
      p.record_success(duration);
    } else {
      p.record_failure(duration);
    }
  }

  static breaker::BreakerState state(Breaker& b) {
    switch (b.impl->state()) {
      case gauntlet::breaker::State::kClosed:
      case gauntlet::breaker::State::kDisabled:
        return breaker::BreakerState::kClosed;
      case gauntlet::breaker::State::kHalfOpen:
        return breaker::BreakerState::kHalfOpen;
      default:
        return breaker::BreakerState::kOpen;
    }
  }

  static breaker::BreakerCounts counts(Breaker& b) {
    const auto stats = b.impl->stats();
    return {b.attempts.load(), static_cast<std::int64_t>(stats.permitted), static_cast<std::int64_t>(stats.rejected),
            static_cast<std::int64_t>(stats.failures)};
  }

  static void force_open(Breaker& b) { b.impl->transition_to_open(); }
  static void force_closed(Breaker& b) { b.impl->transition_to_closed(); }
};

}  // namespace gauntlet::properties::adapters
