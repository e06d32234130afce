#pragma once
/// What a user writes to run the breaker suite against their breaker.
///
///   struct MyBreakerAdapter {
///     using Breaker = my::Breaker;            // the system under test
///     using Permit = my::Permit;              // what acquire hands out
///     static BreakerCapabilities capabilities();
///     static std::unique_ptr<Breaker> make(const BreakerConfig&, ManualClock&);
///     static std::optional<Permit> try_acquire(Breaker&);
///     static void complete(Breaker&, Permit&, CallOutcome, Nanos duration);
///     static BreakerState state(Breaker&);
///     static BreakerCounts counts(Breaker&);
///     static void force_open(Breaker&);       // may be empty when !forced_states
///     static void force_closed(Breaker&);
///   };
///
/// The suite advances the ManualClock by `duration` before `complete`, so an
/// implementation may measure call time on the clock or take the duration.
#include <concepts>
#include <memory>
#include <optional>

#include "gauntlet/harness/clock.h"
#include "gauntlet/properties/breaker/breaker_types.h"

namespace gauntlet::properties::breaker {

template <typename A>
concept BreakerAdapter = requires {
  typename A::Breaker;
  typename A::Permit;
  { A::capabilities() } -> std::same_as<BreakerCapabilities>;
} && requires(const BreakerConfig& config, ManualClock& clock, typename A::Breaker& b, typename A::Permit& p) {
  { A::make(config, clock) } -> std::same_as<std::unique_ptr<typename A::Breaker>>;
  { A::try_acquire(b) } -> std::same_as<std::optional<typename A::Permit>>;
  { A::complete(b, p, CallOutcome::kSuccess, Nanos{0}) } -> std::same_as<void>;
  { A::state(b) } -> std::same_as<BreakerState>;
  { A::counts(b) } -> std::same_as<BreakerCounts>;
  { A::force_open(b) } -> std::same_as<void>;
  { A::force_closed(b) } -> std::same_as<void>;
};

}  // namespace gauntlet::properties::breaker
