#pragma once
/// Counter and gauge properties under concurrent writers, as time-budgeted
/// stress phases (see stress.h): single-operation rounds are checked for
/// linearizability, longer rounds (up to a quarter of the phase's budget,
/// adds recorded in batches) for conservation (no update lost) and for reads
/// that never go back or miss the reader's own updates.
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "gauntlet/properties/linearizability.h"
#include "gauntlet/properties/metrics/generators.h"
#include "gauntlet/properties/metrics/test_fixture.h"
#include "gauntlet/properties/step_log.h"
#include "gauntlet/properties/stress.h"

namespace gauntlet::properties::metrics {
namespace detail {

/// One planned operation of a worker: read, add(value) or set(value).
struct PlannedOp {
  enum Kind { kRead, kAdd, kSet } kind = kAdd;
  double value = 0;
};

inline void showValue(const PlannedOp& op, std::ostream& os) {
  if (op.kind == PlannedOp::kRead) {
    os << "read";
  } else {
    os << (op.kind == PlannedOp::kAdd ? "add(" : "set(") << op.value << ")";
  }
}

/// Sequential specs over recorded steps ("read" -> value; "add"/"set" -> 0).
struct CounterSpec {
  double apply(double& value, const Step& s) const {
    if (std::string_view(s.op) == "read") return value;
    value += s.arg;
    return 0;
  }
};
struct GaugeSpec {
  double apply(double& value, const Step& s) const {
    const std::string_view op(s.op);
    if (op == "read") return value;
    value = op == "set" ? s.arg : value + s.arg;
    return 0;
  }
};

/// What each worker does: its planned operations in single-operation rounds
/// (at most 12 in all, so the linearizability search stays small), and the
/// value it adds over and over in longer rounds.
struct StressPlan {
  std::vector<std::vector<PlannedOp>> per_thread;
  std::vector<double> burst;
};

inline void showValue(const StressPlan& plan, std::ostream& os) {
  os << "{plan=[";
  for (std::size_t t = 0; t < plan.per_thread.size(); ++t) {
    os << (t > 0 ? ", " : "") << "thread " << t << ": [";
    for (std::size_t i = 0; i < plan.per_thread[t].size(); ++i) {
      if (i > 0) os << ", ";
      showValue(plan.per_thread[t][i], os);
    }
    os << "]";
  }
  os << "], burst adds=[";
  for (std::size_t t = 0; t < plan.burst.size(); ++t) os << (t > 0 ? ", " : "") << plan.burst[t];
  os << "]}";
}

inline rc::Gen<StressPlan> gen_stress_plan(std::size_t threads, rc::Gen<PlannedOp> op, rc::Gen<double> burst) {
  return rc::gen::exec([threads, op, burst] {
    StressPlan plan;
    for (std::size_t t = 0; t < threads; ++t) {
      const auto length = *rc::gen::inRange<std::size_t>(1, 12 / threads + 1);
      plan.per_thread.push_back(*rc::gen::container<std::vector<PlannedOp>>(length, op));
    }
    plan.burst = *rc::gen::container<std::vector<double>>(threads, burst);
    return plan;
  });
}

/// Per-thread read checks of a conservation round: reads never decrease and
/// never miss the thread's own adds (valid while every add is positive).
inline std::optional<std::string> check_reads(const StepLog& log, std::size_t thread) {
  double own = 0, last = -1e300;
  for (const Step& s : log.lane(thread)) {
    if (std::string_view(s.op) != "read") {
      own += s.arg;
      continue;
    }
    if (s.observed < last) {
      return "thread " + std::to_string(thread) + " read " + std::to_string(s.observed) + " after reading " +
             std::to_string(last) + ": the value went back";
    }
    if (s.observed < own) {
      return "thread " + std::to_string(thread) + " read " + std::to_string(s.observed) + " after adding " +
             std::to_string(own) + " itself: its own increments are missing";
    }
    last = s.observed;
  }
  return std::nullopt;
}

/// Long rounds record their adds in batches of up to 32, one step each
/// ("adds sum=..."), so a round can run for milliseconds — long enough for the
/// scheduler to preempt a thread inside an update on a busy machine — with a
/// log that stays small.
inline constexpr std::size_t kBatch = 32;
inline constexpr const char* kBatchOp = "adds";
inline constexpr std::size_t kLongestRound = std::size_t{1} << 20;

/// Runs `add(i)` for operations first.. of the round (a batch, fewer at its
/// end) and records them as one step labelled with the sum of what each
/// `add(i)` returned (the value it added).
template <typename Add>
void record_batch(StepLog& log, std::size_t t, std::size_t first, std::size_t length, Add&& add) {
  double sum = 0;
  log.record(t, kBatchOp, [&] {
    for (std::size_t i = first; i < std::min(first + kBatch, length); ++i) sum += add(i);
  });
  log.label_last(t, "sum", sum);
}

inline double sum_of_adds(const StepLog& log) {
  double total = 0;
  for (std::size_t t = 0; t < log.threads(); ++t) {
    for (const Step& s : log.lane(t)) {
      const std::string_view op(s.op);
      total += op == "add" || op == kBatchOp ? s.arg : 0;
    }
  }
  return total;
}

inline const PropertySpec kStressSpec{Severity::kMust, 0.1, false};

}  // namespace detail

TYPED_TEST_P(MetricsProperties, CounterConcurrentIncrementsLinearizable) {
  const PropertySpec spec = detail::kStressSpec;
  if constexpr (!provides<TypeParam>(&MetricsGroups::counter)) {
    GAUNTLET_SKIP_PROPERTY(spec, "the adapter declares the counter group unsupported");
  } else {
    if (!TypeParam::capabilities().thread_safe) GAUNTLET_SKIP_PROPERTY(spec, "not declared thread-safe");
    check_property(spec, [spec] {
      const auto caps = TypeParam::capabilities();
      const StressCase shape = *gen_stress_case(2, 4);
      const std::size_t threads = shape.threads;
      const auto increment = detail::gen_small_increment(caps);
      const detail::StressPlan stress_plan =
          *detail::gen_stress_plan(threads,
                                   rc::gen::weightedOneOf<detail::PlannedOp>(
                                       {{1, rc::gen::just(detail::PlannedOp{detail::PlannedOp::kRead, 0})},
                                        {2, rc::gen::map(increment,
                                                         [](double v) {
                                                           return detail::PlannedOp{detail::PlannedOp::kAdd, v};
                                                         })}}),
                                   increment);
      const auto& plan = stress_plan.per_thread;
      const auto& burst = stress_plan.burst;
      const std::uint64_t seed = shape.seed;
      std::unique_ptr<typename TypeParam::Counter> counter;
      StepLog log(threads);
      const auto outcome = run_stress(
          {threads, stress_budget_per_case(spec.case_scale), seed, detail::kLongestRound},
          [&](const StressRound& round) {
            log.clear();
            log.set_timed(round.length == 1);
            counter = TypeParam::make_counter();
          },
          [&](std::size_t t, const StressRound& round) {
            auto read = [&] { return static_cast<double>(TypeParam::counter_value(*counter)); };
            if (round.length == 1) {
              for (const auto& op : plan[t]) {
                if (op.kind == detail::PlannedOp::kRead) {
                  log.record(t, "read", read);
                } else {
                  log.record(t, "add", op.value, [&] { TypeParam::counter_add(*counter, op.value); });
                }
              }
              return;
            }
            for (std::size_t i = 0; i < round.length; i += detail::kBatch) {
              detail::record_batch(log, t, i, round.length, [&](std::size_t) {
                TypeParam::counter_add(*counter, burst[t]);
                return burst[t];
              });
              log.record(t, "read", read);
            }
          },
          [&](const StressRound& round) -> std::optional<std::string> {
            const double total = detail::sum_of_adds(log);
            const double value = static_cast<double>(TypeParam::counter_value(*counter));
            if (value != total) {
              return "counter reads " + std::to_string(value) + " after concurrent increments summing to " +
                     std::to_string(total) + " (" + std::to_string(total - value) + " lost)";
            }
            for (std::size_t t = 0; t < threads; ++t) {
              if (auto bad = detail::check_reads(log, t)) return bad;
            }
            if (round.length == 1 && !find_linearization(log.history(), 0.0, detail::CounterSpec{})) {
              return std::string("no sequential order of the increments explains the reads");
            }
            return std::nullopt;
          },
          [&] { return log.format(); });
      require_no_failure(outcome);
    });
  }
}

TYPED_TEST_P(MetricsProperties, GaugeConcurrentUpdatesLinearizable) {
  const PropertySpec spec = detail::kStressSpec;
  if constexpr (!provides<TypeParam>(&MetricsGroups::gauge)) {
    GAUNTLET_SKIP_PROPERTY(spec, "the adapter declares the gauge group unsupported");
  } else {
    if (!TypeParam::capabilities().thread_safe) GAUNTLET_SKIP_PROPERTY(spec, "not declared thread-safe");
    check_property(spec, [spec] {
      const StressCase shape = *gen_stress_case(2, 4);
      const std::size_t threads = shape.threads;
      const auto quarter = rc::gen::map(rc::gen::inRange(-64, 65), [](int k) { return k / 4.0; });
      // Conservation rounds add +a and -a/2 alternately (never 0): the sum must come out exactly.
      const detail::StressPlan stress_plan =
          *detail::gen_stress_plan(threads,
                                   rc::gen::weightedOneOf<detail::PlannedOp>(
                                       {{1, rc::gen::just(detail::PlannedOp{detail::PlannedOp::kRead, 0})},
                                        {2, rc::gen::map(quarter,
                                                         [](double v) {
                                                           return detail::PlannedOp{detail::PlannedOp::kAdd, v};
                                                         })},
                                        {1, rc::gen::map(quarter,
                                                         [](double v) {
                                                           return detail::PlannedOp{detail::PlannedOp::kSet, v};
                                                         })}}),
                                   rc::gen::map(rc::gen::inRange(1, 64), [](int k) { return k / 4.0; }));
      const auto& plan = stress_plan.per_thread;
      const auto& burst = stress_plan.burst;
      const std::uint64_t seed = shape.seed;
      std::unique_ptr<typename TypeParam::Gauge> gauge;
      StepLog log(threads);
      const auto outcome = run_stress(
          {threads, stress_budget_per_case(spec.case_scale), seed, detail::kLongestRound},
          [&](const StressRound& round) {
            log.clear();
            log.set_timed(round.length == 1);
            gauge = TypeParam::make_gauge();
          },
          [&](std::size_t t, const StressRound& round) {
            auto read = [&] { return static_cast<double>(TypeParam::gauge_value(*gauge)); };
            if (round.length == 1) {
              for (const auto& op : plan[t]) {
                if (op.kind == detail::PlannedOp::kRead) {
                  log.record(t, "read", read);
                } else if (op.kind == detail::PlannedOp::kAdd) {
                  log.record(t, "add", op.value, [&] { TypeParam::gauge_add(*gauge, op.value); });
                } else {
                  log.record(t, "set", op.value, [&] { TypeParam::gauge_set(*gauge, op.value); });
                }
              }
              return;
            }
            for (std::size_t i = 0; i < round.length; i += detail::kBatch) {
              detail::record_batch(log, t, i, round.length, [&](std::size_t k) {
                const double v = k % 2 == 0 ? burst[t] : -burst[t] / 2;
                TypeParam::gauge_add(*gauge, v);
                return v;
              });
            }
          },
          [&](const StressRound& round) -> std::optional<std::string> {
            if (round.length == 1) {
              if (!find_linearization(log.history(), 0.0, detail::GaugeSpec{})) {
                return std::string("no sequential order of the sets and adds explains the reads");
              }
              return std::nullopt;
            }
            const double total = detail::sum_of_adds(log);
            const double value = static_cast<double>(TypeParam::gauge_value(*gauge));
            if (value != total) {
              return "gauge reads " + std::to_string(value) + " after concurrent adds summing to " +
                     std::to_string(total) + " (an update was lost)";
            }
            return std::nullopt;
          },
          [&] { return log.format(); });
      require_no_failure(outcome);
    });
  }
}

}  // namespace gauntlet::properties::metrics
