#pragma once
/// Tracing properties under concurrent threads, as time-budgeted stress
/// phases (see stress.h): spans ended on many threads are each exported
/// exactly once with distinct ids (none lost by a racing exporter, none
/// sharing an id drawn racily, also on a tracer's first use), or after
/// shutdown each counted as dropped; and a scope activated on one thread is
/// never current on another.
#include <algorithm>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "gauntlet/properties/step_log.h"
#include "gauntlet/properties/stress.h"
#include "gauntlet/properties/tracing/test_fixture.h"

namespace gauntlet::properties::tracing {
namespace detail {

inline const PropertySpec kStressSpec{Severity::kMust, 0.1, false};

/// The tracers of one stress round (a fleet, so that every round races on
/// first uses as well as on steady state), each with the clock it reads.
template <typename A>
struct Fleet {
  std::vector<std::unique_ptr<ManualClock>> clocks;
  std::vector<std::unique_ptr<typename A::Tracer>> tracers;
  void reset(std::size_t n) {
    tracers.clear();
    clocks.clear();
    for (std::size_t i = 0; i < n; ++i) {
      clocks.push_back(std::make_unique<ManualClock>());
      tracers.push_back(A::make_tracer(*clocks.back()));
      RC_ASSERT(tracers.back() != nullptr);
    }
  }
};

/// A round of `length` operations per thread: one tracer each in short rounds
/// (first uses), four sharing a long round (steady state, long id runs).
inline std::size_t fleet_size(std::size_t length) { return length <= 16 ? length : 4; }

/// Every fourth cycle of round lengths ends its spans after shutdown: all
/// dropped (and counted when the tracer counts drops), none exported.
inline bool after_shutdown(const StressRound& round) { return (round.index / 4) % 4 == 3; }

}  // namespace detail

TYPED_TEST_P(TracingProperties, ConcurrentSpansExportedOnce) {
  const PropertySpec spec = detail::kStressSpec;
  if constexpr (!provides<TypeParam>(&TracingGroups::tracer)) {
    GAUNTLET_SKIP_PROPERTY(spec, "the adapter declares the tracer group unsupported");
  } else {
    if (!TypeParam::capabilities().thread_safe) GAUNTLET_SKIP_PROPERTY(spec, "not declared thread-safe");
    check_property(spec, [spec] {
      const StressCase shape = *gen_stress_case(2, 4);
      const std::size_t threads = shape.threads;
      const std::uint64_t seed = shape.seed;
      detail::Fleet<TypeParam> fleet;
      Lockstep step(threads);
      StepLog log(threads);
      std::size_t failing = 0;
      const auto outcome = run_stress(
          {threads, stress_budget_per_case(spec.case_scale), seed, 8192},
          [&](const StressRound& round) {
            log.clear();
            log.set_timed(round.length == 1);
            step.reset();
            fleet.reset(detail::fleet_size(round.length));
            if (detail::after_shutdown(round)) {
              for (auto& tracer : fleet.tracers) TypeParam::shutdown(*tracer);
            }
          },
          [&](std::size_t t, const StressRound& round) {
            const std::size_t tracers = detail::fleet_size(round.length);
            for (std::size_t f = 0; f < tracers; ++f) {
              auto& tracer = *fleet.tracers[f];
              const auto at = static_cast<double>(f);
              for (std::size_t i = 0; i < round.length / tracers; ++i) {
                step.arrive(t, f * (round.length / tracers) + i);
                auto root = TypeParam::start_span(tracer, "root", nullptr);
                auto child = TypeParam::start_span(tracer, "child", &root);
                log.record(t, "end child", at, [&] { TypeParam::end_span(tracer, child); });
                log.label_last(t, "tracer", at);
                log.record(t, "end child again", at, [&] { TypeParam::end_span(tracer, child); });
                log.label_last(t, "tracer", at);
                log.record(t, "end root", at, [&] { TypeParam::end_span(tracer, root); });
                log.label_last(t, "tracer", at);
              }
            }
          },
          [&](const StressRound& round) -> std::optional<std::string> {
            const std::size_t tracers = detail::fleet_size(round.length);
            const std::size_t ended = threads * (round.length / tracers) * 2;
            for (failing = 0; failing < tracers; ++failing) {
              auto& tracer = *fleet.tracers[failing];
              if (detail::after_shutdown(round)) {
                const auto exported = TypeParam::exported(tracer).size();
                const auto dropped = static_cast<std::int64_t>(TypeParam::dropped(tracer));
                if (exported != 0 ||
                    (TypeParam::capabilities().counts_dropped && dropped != static_cast<std::int64_t>(ended))) {
                  return "tracer " + std::to_string(failing) + ", shut down: " + std::to_string(ended) +
                         " spans ended on " + std::to_string(threads) + " threads; " + std::to_string(exported) +
                         " exported, " + std::to_string(dropped) + " counted as dropped";
                }
                continue;
              }
              TypeParam::flush(tracer);
              const auto exported = TypeParam::exported(tracer);
              std::set<std::string> ids;
              for (const auto& s : exported) ids.insert(s.span_id);
              if (exported.size() != ended || ids.size() != exported.size()) {
                return "tracer " + std::to_string(failing) + ": " + std::to_string(ended) + " spans ended on " +
                       std::to_string(threads) + " threads; " + std::to_string(exported.size()) + " exported, " +
                       std::to_string(ids.size()) + " distinct span ids";
              }
            }
            return std::nullopt;
          },
          [&] { return log.format_if([&](const Step& s) { return s.arg == static_cast<double>(failing); }); });
      require_no_failure(outcome);
    });
  }
}

TYPED_TEST_P(TracingProperties, ScopesDoNotLeakAcrossThreads) {
  const PropertySpec spec = detail::kStressSpec;
  if constexpr (!provides<TypeParam>(&TracingGroups::scopes)) {
    GAUNTLET_SKIP_PROPERTY(spec, "the adapter declares the scopes group unsupported");
  } else {
    if (!TypeParam::capabilities().thread_safe) GAUNTLET_SKIP_PROPERTY(spec, "not declared thread-safe");
    check_property(spec, [spec] {
      const StressCase shape = *gen_stress_case(2, 4);
      const std::size_t threads = shape.threads;
      const std::uint64_t seed = shape.seed;
      ManualClock clock;
      auto tracer = TypeParam::make_tracer(clock);
      auto outer = TypeParam::start_span(*tracer, "outer", nullptr);
      const std::string outer_id = TypeParam::span_ids(outer).span_id;
      auto outer_scope = TypeParam::activate(*tracer, outer);  // current on the test thread only
      StepLog log(threads);
      const auto outcome = run_stress(
          {threads, stress_budget_per_case(spec.case_scale), seed, 256},
          [&](const StressRound& round) {
            log.clear();
            log.set_timed(round.length == 1);
          },
          [&](std::size_t t, const StressRound& round) {
            const std::string before(TypeParam::current_span_id(*tracer));
            RC_ASSERT(before.empty());  // the test thread's scope must not show here
            for (std::size_t i = 0; i < round.length; ++i) {
              auto span = TypeParam::start_span(*tracer, "inner", nullptr);
              const std::string id = TypeParam::span_ids(span).span_id;
              {
                auto scope = TypeParam::activate(*tracer, span);
                const bool own = log.record(t, "activate; current is own span", [&] {
                  return std::string(TypeParam::current_span_id(*tracer)) == id ? 1 : 0;
                });
                RC_ASSERT(own == 1);
              }
              const bool none = log.record(t, "deactivate; no current span", [&] {
                return std::string(TypeParam::current_span_id(*tracer)).empty() ? 1 : 0;
              });
              RC_ASSERT(none == 1);
              TypeParam::end_span(*tracer, span);
            }
          },
          [&](const StressRound&) -> std::optional<std::string> {
            const std::string current(TypeParam::current_span_id(*tracer));
            if (current != outer_id) {
              return "the test thread's current span changed from " + outer_id + " to '" + current + "'";
            }
            return std::nullopt;
          },
          [&] { return log.format(); });
      outer_scope.reset();
      TypeParam::end_span(*tracer, outer);
      require_no_failure(outcome);
    });
  }
}

}  // namespace gauntlet::properties::tracing
