#pragma once
/// Breaker properties on one thread: agreement with the reference model in
/// both modes, the open wait, half-open resolution, accounting, stale results.
#include <algorithm>
#include <vector>

#include "gauntlet/properties/breaker/model_commands.h"
#include "gauntlet/properties/breaker/test_fixture.h"

namespace gauntlet::properties::breaker {

TYPED_TEST_P(BreakerProperties, ModelConsecutive) {
  const PropertySpec spec{Severity::kMust, 1.0};
  if (!TypeParam::capabilities().consecutive_mode) GAUNTLET_SKIP_PROPERTY(spec, "consecutive mode not supported");
  check_property(spec, [] { detail::check_model<TypeParam>(BreakerMode::kConsecutive); });
}

TYPED_TEST_P(BreakerProperties, ModelRate) {
  const PropertySpec spec{Severity::kMust, 1.0};
  if (!TypeParam::capabilities().rate_mode) GAUNTLET_SKIP_PROPERTY(spec, "rate mode not supported");
  check_property(spec, [] { detail::check_model<TypeParam>(BreakerMode::kRate); });
}

TYPED_TEST_P(BreakerProperties, NoCallAdmittedDuringOpenWait) {
  check_property({Severity::kMust, 1.0}, [] {
    const BreakerConfig c = *detail::gen_config(detail::gen_mode<TypeParam>(), TypeParam::capabilities());
    ManualClock clock;
    auto b = TypeParam::make(c, clock);
    detail::open_with_failures<TypeParam>(*b, clock, c);
    const Nanos opened = clock.now_ns();
    auto offsets = *rc::gen::container<std::vector<Nanos>>(rc::gen::inRange<Nanos>(0, c.open_wait));
    offsets.push_back(0);
    offsets.push_back(c.open_wait - 1);  // the wait's last nanosecond still rejects
    std::sort(offsets.begin(), offsets.end());
    for (Nanos offset : offsets) {
      clock.set(opened + offset);
      RC_ASSERT(!TypeParam::try_acquire(*b).has_value());
      RC_ASSERT(TypeParam::state(*b) == BreakerState::kOpen);
    }
    clock.set(opened + c.open_wait);
    RC_ASSERT(TypeParam::try_acquire(*b).has_value());
  });
}

TYPED_TEST_P(BreakerProperties, NoStuckHalfOpen) {
  check_property({Severity::kMust, 1.0}, [] {
    const BreakerConfig c = *detail::gen_config(detail::gen_mode<TypeParam>(), TypeParam::capabilities());
    ManualClock clock;
    auto b = TypeParam::make(c, clock);
    detail::open_with_failures<TypeParam>(*b, clock, c);
    clock.advance(c.open_wait);
    std::vector<typename TypeParam::Permit> permits;
    for (int i = 0; i < c.half_open_permits; ++i) {
      auto p = TypeParam::try_acquire(*b);
      RC_ASSERT(p.has_value());
      permits.push_back(std::move(*p));
    }
    RC_ASSERT(!TypeParam::try_acquire(*b).has_value());
    const auto outcomes = *rc::gen::container<std::vector<CallOutcome>>(
        permits.size(), rc::gen::element(CallOutcome::kSuccess, CallOutcome::kFailure));
    for (std::size_t i = 0; i < permits.size(); ++i) {
      TypeParam::complete(*b, permits[i], outcomes[i], Nanos{1});
      if (TypeParam::state(*b) != BreakerState::kHalfOpen) break;
    }
    RC_ASSERT(TypeParam::state(*b) != BreakerState::kHalfOpen);
  });
}

TYPED_TEST_P(BreakerProperties, AccountingBalances) {
  check_property({Severity::kMust, 1.0}, [] {
    const BreakerConfig c = *detail::gen_config(detail::gen_mode<TypeParam>(), TypeParam::capabilities());
    ManualClock clock;
    auto b = TypeParam::make(c, clock);
    const auto steps = *rc::gen::container<std::vector<int>>(rc::gen::inRange(0, 3));
    std::int64_t failures_reported = 0;
    for (int step : steps) {
      if (step == 2) {
        clock.advance(c.open_wait / 2);
        continue;
      }
      const BreakerCounts before = TypeParam::counts(*b);
      auto p = TypeParam::try_acquire(*b);
      const BreakerCounts after_acquire = TypeParam::counts(*b);
      RC_ASSERT(after_acquire.attempted == before.attempted + 1);
      RC_ASSERT(after_acquire.failures == before.failures);
      if (p) {
        const CallOutcome outcome = step == 0 ? CallOutcome::kSuccess : CallOutcome::kFailure;
        TypeParam::complete(*b, *p, outcome, Nanos{1});
        failures_reported += outcome == CallOutcome::kFailure ? 1 : 0;
      } else {
        RC_ASSERT(after_acquire.rejected == before.rejected + 1);
      }
      const BreakerCounts now = TypeParam::counts(*b);
      RC_ASSERT(now.attempted == now.permitted + now.rejected);
      RC_ASSERT(now.failures <= failures_reported);
    }
  });
}

namespace detail {

/// Where the breaker is when a result granted in its first closed state comes back.
enum class StalePhase { kOpen, kHalfOpen, kClosedAgain };
inline void showValue(StalePhase p, std::ostream& os) {
  os << (p == StalePhase::kOpen ? "open" : p == StalePhase::kHalfOpen ? "half_open" : "closed_again");
}

}  // namespace detail

TYPED_TEST_P(BreakerProperties, StaleResultsIgnored) {
  const PropertySpec spec{Severity::kMust, 1.0};
  if (!TypeParam::capabilities().stale_results) GAUNTLET_SKIP_PROPERTY(spec, "results carry no generation");
  check_property(spec, [] {
    const BreakerConfig c = *detail::gen_config(detail::gen_mode<TypeParam>(), TypeParam::capabilities());
    ManualClock clock;
    auto b = TypeParam::make(c, clock);
    auto stale = TypeParam::try_acquire(*b);  // granted while closed
    RC_ASSERT(stale.has_value());
    detail::open_with_failures<TypeParam>(*b, clock, c);
    const CallOutcome outcome = *rc::gen::element(CallOutcome::kSuccess, CallOutcome::kFailure);
    const auto phase =
        *rc::gen::element(detail::StalePhase::kOpen, detail::StalePhase::kHalfOpen, detail::StalePhase::kClosedAgain);
    if (phase == detail::StalePhase::kHalfOpen) {
      clock.advance(c.open_wait);
      auto trial = TypeParam::try_acquire(*b);
      RC_ASSERT(trial.has_value());
    } else if (phase == detail::StalePhase::kClosedAgain) {
      clock.advance(c.open_wait);
      std::vector<typename TypeParam::Permit> trials;
      for (int i = 0; i < c.half_open_permits; ++i) {
        auto p = TypeParam::try_acquire(*b);
        RC_ASSERT(p.has_value());
        trials.push_back(std::move(*p));
      }
      for (auto& p : trials) TypeParam::complete(*b, p, CallOutcome::kSuccess, Nanos{1});
      RC_ASSERT(TypeParam::state(*b) == BreakerState::kClosed);
    }
    const BreakerCounts before_counts = TypeParam::counts(*b);
    const BreakerState before = TypeParam::state(*b);
    TypeParam::complete(*b, *stale, outcome, Nanos{1});
    RC_ASSERT(TypeParam::state(*b) == before);
    const BreakerCounts after = TypeParam::counts(*b);
    RC_ASSERT(after.rejected == before_counts.rejected);
    RC_ASSERT(after.failures ==
              before_counts.failures + (outcome == CallOutcome::kFailure ? 1 : 0));  // stale ones included
    if (phase == detail::StalePhase::kHalfOpen) {
      // The stale result did not use up or resolve the trial: the remaining permits are still there.
      for (int i = 1; i < c.half_open_permits; ++i) RC_ASSERT(TypeParam::try_acquire(*b).has_value());
      RC_ASSERT(TypeParam::state(*b) == BreakerState::kHalfOpen);
    } else if (phase == detail::StalePhase::kClosedAgain) {
      // The stale result is not judged: one failure short of opening stays closed, the next opens.
      const int to_open = c.mode == BreakerMode::kConsecutive ? c.failure_threshold : c.minimum_calls;
      for (int i = 0; i < to_open; ++i) {
        RC_ASSERT(TypeParam::state(*b) == BreakerState::kClosed);
        auto p = TypeParam::try_acquire(*b);
        RC_ASSERT(p.has_value());
        TypeParam::complete(*b, *p, CallOutcome::kFailure, Nanos{1});
      }
      RC_ASSERT(TypeParam::state(*b) == BreakerState::kOpen);
    }
  });
}

}  // namespace gauntlet::properties::breaker
