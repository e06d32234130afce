#pragma once
/// The circuit-breaker property suite. Instantiate with
///   GAUNTLET_INSTANTIATE_BREAKER_PROPERTIES(Prefix, MyBreakerAdapter);
#include <algorithm>
#include <optional>
#include <sstream>
#include <vector>

#include <gtest/gtest.h>

#include "gauntlet/properties/breaker/adapter.h"
#include "gauntlet/properties/breaker/model_commands.h"
#include "gauntlet/properties/concurrent_run.h"
#include "gauntlet/properties/linearizability.h"
#include "gauntlet/properties/property_check.h"

namespace gauntlet::properties::breaker {

template <BreakerAdapter A>
class BreakerProperties : public ::testing::Test {};

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

template <typename A>
BreakerMode gen_mode() {
  const BreakerCapabilities caps = A::capabilities();
  if (caps.consecutive_mode && caps.rate_mode) return *rc::gen::element(BreakerMode::kConsecutive, BreakerMode::kRate);
  return caps.consecutive_mode ? BreakerMode::kConsecutive : BreakerMode::kRate;
}

struct Acquire {
  friend bool operator==(const Acquire&, const Acquire&) = default;
};

}  // namespace detail

TYPED_TEST_SUITE_P(BreakerProperties);

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
    const BreakerConfig c = detail::gen_config(detail::gen_mode<TypeParam>(), TypeParam::capabilities());
    ManualClock clock;
    auto b = TypeParam::make(c, clock);
    detail::open_with_failures<TypeParam>(*b, clock, c);
    const Nanos opened = clock.now_ns();
    auto offsets = *rc::gen::container<std::vector<Nanos>>(rc::gen::inRange<Nanos>(0, c.open_wait));
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
    const BreakerConfig c = detail::gen_config(detail::gen_mode<TypeParam>(), TypeParam::capabilities());
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
    const BreakerConfig c = detail::gen_config(detail::gen_mode<TypeParam>(), TypeParam::capabilities());
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

TYPED_TEST_P(BreakerProperties, StaleResultsIgnored) {
  const PropertySpec spec{Severity::kMust, 1.0};
  if (!TypeParam::capabilities().stale_results) GAUNTLET_SKIP_PROPERTY(spec, "results carry no generation");
  check_property(spec, [] {
    const BreakerConfig c = detail::gen_config(detail::gen_mode<TypeParam>(), TypeParam::capabilities());
    ManualClock clock;
    auto b = TypeParam::make(c, clock);
    auto stale = TypeParam::try_acquire(*b);  // granted while closed
    RC_ASSERT(stale.has_value());
    detail::open_with_failures<TypeParam>(*b, clock, c);
    const BreakerCounts opened = TypeParam::counts(*b);
    const CallOutcome outcome = *rc::gen::element(CallOutcome::kSuccess, CallOutcome::kFailure);
    const bool in_half_open = *rc::gen::arbitrary<bool>();
    if (in_half_open) {
      clock.advance(c.open_wait);
      auto trial = TypeParam::try_acquire(*b);
      RC_ASSERT(trial.has_value());
    }
    const BreakerState before = TypeParam::state(*b);
    TypeParam::complete(*b, *stale, outcome, Nanos{1});
    RC_ASSERT(TypeParam::state(*b) == before);
    RC_ASSERT(TypeParam::counts(*b).rejected == opened.rejected);
    if (in_half_open) {
      // The stale result did not use up or resolve the trial: the remaining permits are still there.
      for (int i = 1; i < c.half_open_permits; ++i) RC_ASSERT(TypeParam::try_acquire(*b).has_value());
      RC_ASSERT(TypeParam::state(*b) == BreakerState::kHalfOpen);
    }
  });
}

TYPED_TEST_P(BreakerProperties, HalfOpenPermitsUnderConcurrency) {
  const PropertySpec spec{Severity::kMust, 0.2};
  if (!TypeParam::capabilities().thread_safe) GAUNTLET_SKIP_PROPERTY(spec, "not declared thread-safe");
  check_property(spec, [] {
    const BreakerConfig c = detail::gen_config(detail::gen_mode<TypeParam>(), TypeParam::capabilities());
    const auto threads = *rc::gen::inRange<std::size_t>(2, 5);
    const auto per_thread = *rc::gen::container<std::vector<int>>(threads, rc::gen::inRange(1, 4));
    for (int repeat = 0; repeat < 3; ++repeat) {
      ManualClock clock;
      auto b = TypeParam::make(c, clock);
      detail::open_with_failures<TypeParam>(*b, clock, c);
      clock.advance(c.open_wait);
      LogicalTime time;
      std::vector<std::vector<HistoryEvent<detail::Acquire, bool>>> per_branch(per_thread.size());
      std::vector<std::vector<typename TypeParam::Permit>> held(per_thread.size());
      std::vector<std::function<void()>> branches;
      for (std::size_t t = 0; t < per_thread.size(); ++t) {
        branches.emplace_back([&, t] {
          for (int i = 0; i < per_thread[t]; ++i) {
            HistoryEvent<detail::Acquire, bool> e;
            e.thread = static_cast<int>(t);
            e.invoked = time.tick();
            auto permit = TypeParam::try_acquire(*b);
            e.returned = time.tick();
            e.observed = permit.has_value();
            if (permit) held[t].push_back(std::move(*permit));  // in flight until the end
            per_branch[t].push_back(e);
          }
        });
      }
      run_concurrently(branches);
      std::vector<HistoryEvent<detail::Acquire, bool>> history;
      for (const auto& events : per_branch) history.insert(history.end(), events.begin(), events.end());
      const auto granted = std::count_if(history.begin(), history.end(), [](const auto& e) { return e.observed; });
      // Sequential spec: a half-open breaker with K permits (the wait has passed).
      struct Spec {
        int permits;
        bool apply(int& granted_so_far, const detail::Acquire&) const {
          if (granted_so_far >= permits) return false;
          ++granted_so_far;
          return true;
        }
      };
      const auto order = find_linearization(history, 0, Spec{c.half_open_permits});
      if (!order) {
        RC_FAIL("no sequential order explains the acquires (K=" + std::to_string(c.half_open_permits) +
                ", granted=" + std::to_string(granted) + ")\n" +
                format_history(history, [](const detail::Acquire&, bool ok) { return ok ? "acquire -> permit" : "acquire -> rejected"; }));
      }
      for (auto& permits : held) {
        for (auto& p : permits) TypeParam::complete(*b, p, CallOutcome::kSuccess, Nanos{0});
      }
      const BreakerCounts counts = TypeParam::counts(*b);
      RC_ASSERT(counts.attempted == counts.permitted + counts.rejected);
    }
  });
}

TYPED_TEST_P(BreakerProperties, ConcurrentFailuresOpen) {
  const PropertySpec spec{Severity::kMust, 0.2};
  const auto caps = TypeParam::capabilities();
  if (!caps.thread_safe) GAUNTLET_SKIP_PROPERTY(spec, "not declared thread-safe");
  if (!caps.consecutive_mode) GAUNTLET_SKIP_PROPERTY(spec, "consecutive mode not supported");
  check_property(spec, [] {
    BreakerConfig c = detail::gen_config(BreakerMode::kConsecutive, TypeParam::capabilities());
    const auto threads = *rc::gen::inRange<std::size_t>(2, 5);
    const auto per_thread = *rc::gen::container<std::vector<int>>(threads, rc::gen::inRange(1, 5));
    int total = 0;
    for (int n : per_thread) total += n;
    RC_PRE(total >= c.failure_threshold);
    for (int repeat = 0; repeat < 3; ++repeat) {
      ManualClock clock;
      auto b = TypeParam::make(c, clock);
      std::vector<std::function<void()>> branches;
      for (int n : per_thread) {
        branches.emplace_back([&, n] {
          for (int i = 0; i < n; ++i) {
            if (auto p = TypeParam::try_acquire(*b)) TypeParam::complete(*b, *p, CallOutcome::kFailure, Nanos{0});
          }
        });
      }
      run_concurrently(branches);
      const BreakerCounts counts = TypeParam::counts(*b);
      RC_ASSERT(TypeParam::state(*b) == BreakerState::kOpen);
      RC_ASSERT(counts.attempted == total);
      RC_ASSERT(counts.attempted == counts.permitted + counts.rejected);
      RC_ASSERT(counts.failures >= c.failure_threshold);
      RC_ASSERT(counts.failures <= counts.permitted);
    }
  });
}

REGISTER_TYPED_TEST_SUITE_P(BreakerProperties, ModelConsecutive, ModelRate, NoCallAdmittedDuringOpenWait,
                            NoStuckHalfOpen, AccountingBalances, StaleResultsIgnored,
                            HalfOpenPermitsUnderConcurrency, ConcurrentFailuresOpen);

}  // namespace gauntlet::properties::breaker

/// Runs the breaker suite against `Adapter` (a BreakerAdapter); test names start
/// with `Prefix/BreakerProperties/0.`. Use at namespace scope, followed by `;`.
#define GAUNTLET_INSTANTIATE_BREAKER_PROPERTIES(Prefix, Adapter)                           \
  static_assert(::gauntlet::properties::breaker::BreakerAdapter<Adapter>,                      \
                #Adapter " is not a BreakerAdapter (see gauntlet/properties/breaker/adapter.h)"); \
  namespace gauntlet::properties::breaker {                                               \
  INSTANTIATE_TYPED_TEST_SUITE_P(Prefix, BreakerProperties, ::testing::Types<Adapter>);              \
  }                                                                                     \
  extern int gauntlet_properties_instantiated_##Prefix
