#pragma once
/// Tracing properties under concurrent threads, as time-budgeted stress
/// phases (see stress.h): spans ended on many threads are each exported
/// exactly once (none lost by a racing exporter), and a scope activated on
/// one thread is never current on another.
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

/// Spans and exports of one stress round.
template <typename A>
struct RoundTracer {
  std::unique_ptr<ManualClock> clock;
  std::unique_ptr<typename A::Tracer> tracer;
  void reset() {
    tracer.reset();
    clock = std::make_unique<ManualClock>();
    tracer = A::make_tracer(*clock);
    RC_ASSERT(tracer != nullptr);
  }
};

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
      detail::RoundTracer<TypeParam> round_tracer;
      StepLog log(threads);
      const auto outcome = run_stress(
          {threads, stress_budget_per_case(spec.case_scale), seed, 256},
          [&](const StressRound&) {
            log.clear();
            round_tracer.reset();
          },
          [&](std::size_t t, const StressRound& round) {
            auto& tracer = *round_tracer.tracer;
            for (std::size_t i = 0; i < round.length; ++i) {
              auto root = TypeParam::start_span(tracer, "root", nullptr);
              auto child = TypeParam::start_span(tracer, "child", &root);
              log.record(t, "end child", [&] { TypeParam::end_span(tracer, child); });
              log.record(t, "end child again", [&] { TypeParam::end_span(tracer, child); });
              log.record(t, "end root", [&] { TypeParam::end_span(tracer, root); });
            }
          },
          [&](const StressRound& round) -> std::optional<std::string> {
            TypeParam::flush(*round_tracer.tracer);
            const auto exported = TypeParam::exported(*round_tracer.tracer);
            const std::size_t ended = threads * round.length * 2;
            std::set<std::string> ids;
            for (const auto& s : exported) ids.insert(s.span_id);
            if (exported.size() != ended || ids.size() != exported.size()) {
              return std::to_string(ended) + " spans ended on " + std::to_string(threads) + " threads; " +
                     std::to_string(exported.size()) + " exported, " + std::to_string(ids.size()) + " distinct";
            }
            return std::nullopt;
          },
          [&] { return log.format(); });
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
          [&](const StressRound&) { log.clear(); },
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
