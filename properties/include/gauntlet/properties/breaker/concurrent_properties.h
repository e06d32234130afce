#pragma once
/// Breaker properties under concurrent callers, as time-budgeted stress
/// phases (see stress.h): half-open admits exactly its permits, concurrent
/// failures are all counted and open the breaker at its threshold, and mixed
/// concurrent results are all accounted while the state changes under them.
///
/// A half-open breaker's permits, or a failure run reaching its threshold,
/// can be raced for once per breaker, so each round builds a fleet of fresh
/// breakers (the round's length) and every thread walks the fleet in the same
/// order: threads running side by side race on each breaker, and a thread
/// preempted inside an operation leaves a breaker for the others to race on.
#include <algorithm>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "gauntlet/properties/breaker/test_fixture.h"
#include "gauntlet/properties/linearizability.h"
#include "gauntlet/properties/step_log.h"
#include "gauntlet/properties/stress.h"

namespace gauntlet::properties::breaker {
namespace detail {

inline const PropertySpec kStressSpec{Severity::kMust, 0.1, false};
inline constexpr std::size_t kMaxFleet = 4096;

/// Sequential spec of acquires on a half-open breaker with K permits.
struct HalfOpenSpec {
  int permits;
  double apply(int& granted, const Step&) const {
    if (granted >= permits) return 0;
    ++granted;
    return 1;
  }
};

/// The breakers of one stress round, each with the clock it reads.
template <typename A>
struct Fleet {
  std::vector<std::unique_ptr<ManualClock>> clocks;
  std::vector<std::unique_ptr<typename A::Breaker>> breakers;
  void reset(std::size_t n, const BreakerConfig& c) {
    breakers.clear();
    clocks.clear();
    for (std::size_t i = 0; i < n; ++i) {
      clocks.push_back(std::make_unique<ManualClock>());
      breakers.push_back(A::make(c, *clocks.back()));
      RC_ASSERT(breakers.back() != nullptr);
    }
  }
};

/// Failing calls beyond the threshold that every fourth breaker of a round
/// gets; the others get exactly the threshold (printed labelled).
struct ExtraFailures {
  int count = 0;
  int for_breaker(std::size_t index) const { return index % 4 == 3 ? count : 0; }
};
inline void showValue(const ExtraFailures& f, std::ostream& os) {
  os << "{extra failing calls on every 4th breaker=" << f.count << "}";
}

/// Steps on breaker `index` only.
inline std::function<bool(const Step&)> on_breaker(std::size_t index) {
  return [index](const Step& s) { return s.has_arg && s.arg == static_cast<double>(index); };
}

}  // namespace detail

TYPED_TEST_P(BreakerProperties, HalfOpenPermitsUnderConcurrency) {
  const PropertySpec spec = detail::kStressSpec;
  if (!TypeParam::capabilities().thread_safe) GAUNTLET_SKIP_PROPERTY(spec, "not declared thread-safe");
  check_property(spec, [spec] {
    const BreakerConfig c = *detail::gen_config(detail::gen_mode<TypeParam>(), TypeParam::capabilities());
    const StressCase shape = *gen_stress_case(2, 4);
    const std::size_t threads = shape.threads;
    detail::Fleet<TypeParam> fleet;
    Lockstep step(threads);
    StepLog log(threads);
    std::vector<std::vector<std::pair<std::size_t, typename TypeParam::Permit>>> held(threads);
    std::size_t failing = 0;
    const auto outcome = run_stress(
        {threads, stress_budget_per_case(spec.case_scale), shape.seed, detail::kMaxFleet},
        [&](const StressRound& round) {
          for (auto& permits : held) permits.clear();
          log.clear();
          log.set_timed(round.length == 1);  // untimed, a long round's acquires race more often
          step.reset();
          fleet.reset(round.length, c);
          for (std::size_t i = 0; i < round.length; ++i) {
            detail::open_with_failures<TypeParam>(*fleet.breakers[i], *fleet.clocks[i], c);
            fleet.clocks[i]->advance(c.open_wait);  // every acquire now races for the K half-open permits
          }
        },
        [&](std::size_t t, const StressRound& round) {
          for (std::size_t i = 0; i < round.length; ++i) {
            step.arrive(t, i);
            for (int k = 0; k < c.half_open_permits; ++k) {
              log.record(t, "acquire", static_cast<double>(i), [&] {
                auto permit = TypeParam::try_acquire(*fleet.breakers[i]);
                if (permit) held[t].emplace_back(i, std::move(*permit));  // in flight until the round ends
                return permit.has_value() ? 1 : 0;
              });
              log.label_last(t, "breaker", static_cast<double>(i));
            }
          }
        },
        [&](const StressRound& round) -> std::optional<std::string> {
          std::vector<std::size_t> granted(round.length, 0);
          for (const auto& permits : held) {
            for (const auto& [i, permit] : permits) ++granted[i];
          }
          const auto expected = static_cast<std::size_t>(c.half_open_permits);  // threads x K acquires for K permits
          for (failing = 0; failing < round.length; ++failing) {
            if (granted[failing] != expected) {
              return "half-open breaker " + std::to_string(failing) + " admitted " + std::to_string(granted[failing]) +
                     " of " + std::to_string(threads * expected) + " concurrent acquires; exactly " +
                     std::to_string(expected) + " expected (half_open_permits)";
            }
            if (log.timed() && !find_linearization(log.history_if(detail::on_breaker(failing)), 0,
                                                   detail::HalfOpenSpec{c.half_open_permits})) {
              return "no sequential order explains the acquires on breaker " + std::to_string(failing);
            }
          }
          for (auto& permits : held) {
            for (auto& [i, p] : permits) TypeParam::complete(*fleet.breakers[i], p, CallOutcome::kSuccess, Nanos{0});
          }
          for (failing = 0; failing < round.length; ++failing) {
            const BreakerCounts counts = TypeParam::counts(*fleet.breakers[failing]);
            if (counts.attempted != counts.permitted + counts.rejected) {
              std::ostringstream out;
              out << "counts of breaker " << failing << " do not balance after the round: " << counts;
              return out.str();
            }
          }
          return std::nullopt;
        },
        [&] { return log.format_if(detail::on_breaker(failing)); });
    require_no_failure(outcome);
  });
}

TYPED_TEST_P(BreakerProperties, ConcurrentFailuresOpen) {
  const PropertySpec spec = detail::kStressSpec;
  const auto caps = TypeParam::capabilities();
  if (!caps.thread_safe) GAUNTLET_SKIP_PROPERTY(spec, "not declared thread-safe");
  if (!caps.consecutive_mode) GAUNTLET_SKIP_PROPERTY(spec, "consecutive mode not supported");
  check_property(spec, [spec] {
    const BreakerConfig c = *detail::gen_config(BreakerMode::kConsecutive, TypeParam::capabilities(),
                                                edges::biased<int>({2, 8, 16}, rc::gen::inRange(1, 17)));
    const StressCase shape = *gen_stress_case(2, 4);
    const std::size_t threads = shape.threads;
    // Exactly the threshold (the edge: one lost failure keeps the breaker
    // closed), or up to two more on every fourth breaker, split over the threads.
    const auto extra = *rc::gen::map(rc::gen::inRange(1, 3), [](int n) { return detail::ExtraFailures{n}; });
    auto total = [&](std::size_t i) { return c.failure_threshold + extra.for_breaker(i); };
    detail::Fleet<TypeParam> fleet;
    Lockstep step(threads);
    StepLog log(threads);
    std::size_t failing = 0;
    const auto outcome = run_stress(
        {threads, stress_budget_per_case(spec.case_scale), shape.seed, detail::kMaxFleet},
        [&](const StressRound& round) {
          log.clear();
          log.set_timed(round.length == 1);
          step.reset();
          fleet.reset(round.length, c);
        },
        [&](std::size_t t, const StressRound& round) {
          for (std::size_t i = 0; i < round.length; ++i) {
            step.arrive(t, i);
            auto& b = *fleet.breakers[i];
            const int n = total(i);
            const int share = n / static_cast<int>(threads) + (t < static_cast<std::size_t>(n) % threads ? 1 : 0);
            for (int k = 0; k < share; ++k) {
              auto permit = log.record(t, "acquire", static_cast<double>(i), [&] { return TypeParam::try_acquire(b); });
              log.label_last(t, "breaker", static_cast<double>(i));
              if (!permit) continue;
              log.record(t, "complete failure", static_cast<double>(i),
                         [&] { TypeParam::complete(b, *permit, CallOutcome::kFailure, Nanos{0}); });
              log.label_last(t, "breaker", static_cast<double>(i));
            }
          }
        },
        [&](const StressRound& round) -> std::optional<std::string> {
          std::vector<std::int64_t> completed(round.length, 0);
          for (std::size_t t = 0; t < threads; ++t) {
            for (const Step& s : log.lane(t)) {
              if (std::string_view(s.op) == "complete failure") ++completed[static_cast<std::size_t>(s.arg)];
            }
          }
          const std::int64_t most = c.failure_threshold + static_cast<std::int64_t>(threads) - 1;
          for (failing = 0; failing < round.length; ++failing) {
            auto& b = *fleet.breakers[failing];
            const BreakerCounts counts = TypeParam::counts(b);
            std::ostringstream out;
            out << "breaker " << failing << ": ";
            if (counts.attempted != total(failing) || counts.attempted != counts.permitted + counts.rejected) {
              out << "counts do not balance: " << counts << " after " << total(failing) << " acquires";
            } else if (counts.failures != completed[failing]) {
              out << "failures counted " << counts.failures << ", but " << completed[failing]
                  << " permits completed with failure";
            } else if (TypeParam::state(b) != BreakerState::kOpen) {
              out << "still " << TypeParam::state(b) << " after " << completed[failing]
                  << " concurrent failures (failure_threshold=" << c.failure_threshold << ")";
            } else if (completed[failing] > most) {
              out << completed[failing] << " calls admitted and failed; a breaker opening at " << c.failure_threshold
                  << " admits at most " << most << " with " << threads << " threads";
            } else {
              continue;
            }
            return out.str();
          }
          return std::nullopt;
        },
        [&] { return log.format_if(detail::on_breaker(failing)); });
    require_no_failure(outcome);
  });
}

TYPED_TEST_P(BreakerProperties, ConcurrentCallsAccounted) {
  const PropertySpec spec = detail::kStressSpec;
  if (!TypeParam::capabilities().thread_safe) GAUNTLET_SKIP_PROPERTY(spec, "not declared thread-safe");
  check_property(spec, [spec] {
    // Successes and failures from every thread at once, so that the breaker
    // changes state while results race: every call must still be accounted.
    const BreakerConfig c = *detail::gen_config(detail::gen_mode<TypeParam>(), TypeParam::capabilities());
    const StressCase shape = *gen_stress_case(2, 4);
    const std::size_t threads = shape.threads;
    const auto outcomes = *rc::gen::container<std::vector<CallOutcome>>(
        threads * 4, rc::gen::element(CallOutcome::kSuccess, CallOutcome::kFailure));
    detail::Fleet<TypeParam> fleet;
    Lockstep step(threads);
    StepLog log(threads);
    std::size_t failing = 0;
    const auto outcome = run_stress(
        {threads, stress_budget_per_case(spec.case_scale), shape.seed, detail::kMaxFleet},
        [&](const StressRound& round) {
          log.clear();
          log.set_timed(round.length == 1);
          step.reset();
          fleet.reset(round.length, c);
        },
        [&](std::size_t t, const StressRound& round) {
          for (std::size_t i = 0; i < round.length; ++i) {
            step.arrive(t, i);
            auto& b = *fleet.breakers[i];
            const auto at = static_cast<double>(i);
            for (std::size_t k = 0; k < 4; ++k) {
              const CallOutcome result = outcomes[t * 4 + k];
              auto permit = log.record(t, "acquire", at, [&] { return TypeParam::try_acquire(b); });
              log.label_last(t, "breaker", at);
              if (!permit) continue;
              log.record(t, result == CallOutcome::kSuccess ? "complete success" : "complete failure", at,
                         [&] { TypeParam::complete(b, *permit, result, Nanos{0}); });
              log.label_last(t, "breaker", at);
            }
          }
        },
        [&](const StressRound& round) -> std::optional<std::string> {
          std::vector<BreakerCounts> seen(round.length);
          for (std::size_t t = 0; t < threads; ++t) {
            for (const Step& s : log.lane(t)) {
              BreakerCounts& n = seen[static_cast<std::size_t>(s.arg)];
              const std::string_view op(s.op);
              if (op == "acquire") {
                ++n.attempted;
                (s.observed != 0 ? n.permitted : n.rejected) += 1;
              } else if (op == "complete failure") {
                ++n.failures;
              }
            }
          }
          for (failing = 0; failing < round.length; ++failing) {
            const BreakerCounts counts = TypeParam::counts(*fleet.breakers[failing]);
            if (!(counts == seen[failing])) {
              std::ostringstream out;
              out << "breaker " << failing << " counts " << counts << " after concurrent calls that made "
                  << seen[failing];
              return out.str();
            }
          }
          return std::nullopt;
        },
        [&] { return log.format_if(detail::on_breaker(failing)); });
    require_no_failure(outcome);
  });
}

}  // namespace gauntlet::properties::breaker
