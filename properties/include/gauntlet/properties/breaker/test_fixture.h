#pragma once
/// The typed-test fixture every breaker property is written against, and the
/// helpers the properties share.
#include <type_traits>

#include <gtest/gtest.h>

#include "gauntlet/properties/breaker/adapter.h"
#include "gauntlet/properties/breaker/generators.h"
#include "gauntlet/properties/property_check.h"

namespace gauntlet::properties::breaker {

template <BreakerAdapter A>
class BreakerProperties : public ::testing::Test {};

TYPED_TEST_SUITE_P(BreakerProperties);

namespace detail {

/// Opens a fresh breaker with failing calls (works in both modes).
template <typename A>
void open_with_failures(typename A::Breaker& b, ManualClock& clock, const BreakerConfig& c) {
  const int calls = c.mode == BreakerMode::kConsecutive ? c.failure_threshold : c.minimum_calls;
  for (int i = 0; i < calls; ++i) {
    auto p = A::try_acquire(b);
    RC_ASSERT(p.has_value());
    clock.advance(Nanos{1});
    A::complete(b, *p, CallOutcome::kFailure, Nanos{1});
  }
  RC_ASSERT(A::state(b) == BreakerState::kOpen);
}

/// A mode the adapter supports.
template <typename A>
BreakerMode gen_mode() {
  const BreakerCapabilities caps = A::capabilities();
  if (caps.consecutive_mode && caps.rate_mode) return *rc::gen::element(BreakerMode::kConsecutive, BreakerMode::kRate);
  return caps.consecutive_mode ? BreakerMode::kConsecutive : BreakerMode::kRate;
}

/// Stands in for an adapter that failed its diagnosis, so the one
/// static_assert naming the problem is the only error.
struct PlaceholderBreakerAdapter {
  struct Breaker {};
  struct Permit {};
  static BreakerCapabilities capabilities() { return {}; }
  static std::unique_ptr<Breaker> make(const BreakerConfig&, ManualClock&) { return nullptr; }
  static std::optional<Permit> try_acquire(Breaker&) { return std::nullopt; }
  static void complete(Breaker&, Permit&, CallOutcome, Nanos) {}
  static BreakerState state(Breaker&) { return BreakerState::kClosed; }
  static BreakerCounts counts(Breaker&) { return {}; }
  static void force_open(Breaker&) {}
  static void force_closed(Breaker&) {}
};

template <typename A>
using ValidOrPlaceholder = std::conditional_t<BreakerAdapter<A>, A, PlaceholderBreakerAdapter>;

}  // namespace detail
}  // namespace gauntlet::properties::breaker
