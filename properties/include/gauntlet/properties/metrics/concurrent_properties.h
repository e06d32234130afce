#pragma once
/// Metrics properties under concurrent writers: no lost increments, reads
/// explained by a sequential order, snapshots internally consistent.
#include <atomic>
#include <cmath>
#include <functional>
#include <string>
#include <vector>

#include "gauntlet/properties/concurrent_run.h"
#include "gauntlet/properties/linearizability.h"
#include "gauntlet/properties/metrics/generators.h"
#include "gauntlet/properties/metrics/test_fixture.h"

namespace gauntlet::properties::metrics {
namespace detail {

struct CounterOp {
  bool read = false;
  double add = 0;
};
struct CounterSpec {
  double apply(double& value, const CounterOp& op) const {
    if (op.read) return value;
    value += op.add;
    return -1;
  }
};
inline std::string show_counter_op(const CounterOp& op, double observed) {
  return op.read ? "read -> " + std::to_string(observed) : "add(" + std::to_string(op.add) + ")";
}

}  // namespace detail

TYPED_TEST_P(MetricsProperties, CounterConcurrentIncrementsLinearizable) {
  const PropertySpec spec{Severity::kMust, 0.3};
  if constexpr (!CounterGroup<TypeParam>) {
    GAUNTLET_SKIP_PROPERTY(spec, "adapter has no counter group");
  } else {
    if (!TypeParam::capabilities().thread_safe) GAUNTLET_SKIP_PROPERTY(spec, "not declared thread-safe");
    check_property(spec, [] {
      const auto caps = TypeParam::capabilities();
      const auto threads = *rc::gen::inRange<std::size_t>(2, 4);
      std::vector<std::vector<detail::CounterOp>> plan;
      double total = 0;
      for (std::size_t t = 0; t < threads; ++t) {
        const auto length = *rc::gen::inRange<std::size_t>(1, 12 / threads + 1);
        std::vector<detail::CounterOp> ops;
        for (std::size_t i = 0; i < length; ++i) {
          const bool read = *rc::gen::inRange(0, 3) == 0;
          const double add = read ? 0 : 1 + *detail::gen_increment(caps);
          total += add;
          ops.push_back({read, add});
        }
        plan.push_back(std::move(ops));
      }
      // Big loops make lost updates likely when they are possible.
      const int rounds = 200;
      for (int repeat = 0; repeat < 3; ++repeat) {
        auto counter = TypeParam::make_counter();
        LogicalTime time;
        std::vector<std::vector<HistoryEvent<detail::CounterOp, double>>> per_thread(threads);
        std::vector<std::function<void()>> branches;
        for (std::size_t t = 0; t < threads; ++t) {
          branches.emplace_back([&, t] {
            for (const auto& op : plan[t]) {
              HistoryEvent<detail::CounterOp, double> e;
              e.thread = static_cast<int>(t);
              e.op = op;
              e.invoked = time.tick();
              if (op.read) {
                e.observed = static_cast<double>(TypeParam::counter_value(*counter));
              } else {
                TypeParam::counter_add(*counter, op.add);
                e.observed = -1;
              }
              e.returned = time.tick();
              per_thread[t].push_back(e);
            }
          });
        }
        run_concurrently(branches);
        std::vector<HistoryEvent<detail::CounterOp, double>> history;
        for (auto& events : per_thread) history.insert(history.end(), events.begin(), events.end());
        if (!find_linearization(history, 0.0, detail::CounterSpec{})) {
          RC_FAIL("no sequential order explains the counter history:\n" + format_history(history, detail::show_counter_op));
        }
        RC_ASSERT(static_cast<double>(TypeParam::counter_value(*counter)) == total);
      }
      // Many increments from every thread: none may be lost, reads never decrease.
      auto counter = TypeParam::make_counter();
      std::vector<std::function<void()>> branches;
      std::atomic<bool> decreased{false};
      for (std::size_t t = 0; t < threads; ++t) {
        branches.emplace_back([&] {
          double last = 0;
          for (int i = 0; i < rounds; ++i) {
            TypeParam::counter_add(*counter, 1.0);
            const double now = static_cast<double>(TypeParam::counter_value(*counter));
            if (now < last) decreased = true;
            last = now;
          }
        });
      }
      run_concurrently(branches);
      RC_ASSERT(!decreased.load());
      RC_ASSERT(static_cast<double>(TypeParam::counter_value(*counter)) == static_cast<double>(threads * rounds));
    });
  }
}

TYPED_TEST_P(MetricsProperties, HistogramSnapshotsConsistentDuringWrites) {
  const PropertySpec spec{Severity::kMust, 0.3};
  if constexpr (!HistogramGroup<TypeParam>) {
    GAUNTLET_SKIP_PROPERTY(spec, "adapter has no histogram group");
  } else {
    if (!TypeParam::capabilities().thread_safe) GAUNTLET_SKIP_PROPERTY(spec, "not declared thread-safe");
    check_property(spec, [] {
      const auto caps = TypeParam::capabilities();
      const double value = *detail::gen_value(caps);
      const auto writers = *rc::gen::inRange(1, 3);
      const auto per_writer = *rc::gen::inRange(50, 300);
      auto h = TypeParam::make_histogram({caps.min_value + 1, caps.min_value + 16, caps.min_value + 256});
      std::atomic<int> running{writers};
      std::vector<std::function<void()>> branches;
      for (int w = 0; w < writers; ++w) {
        branches.emplace_back([&] {
          for (int i = 0; i < per_writer; ++i) TypeParam::observe(*h, value);
          running.fetch_sub(1);
        });
      }
      std::string torn;
      branches.emplace_back([&] {
        std::uint64_t last_count = 0;
        while (torn.empty()) {
          const bool last_round = running.load() == 0;
          const HistogramView v = TypeParam::histogram_view(*h);
          if (v.count < last_count) torn = "count decreased";
          if (std::fabs(v.sum - value * static_cast<double>(v.count)) > 1e-9 * std::max(1.0, v.sum)) {
            torn = "sum " + std::to_string(v.sum) + " != count " + std::to_string(v.count) + " x " + std::to_string(value);
          }
          for (std::size_t i = 0; i < v.bounds.size(); ++i) {
            if (v.cumulative[i] != (value <= v.bounds[i] ? v.count : 0)) torn = "bucket counts disagree with count";
          }
          last_count = v.count;
          if (last_round) break;
        }
      });
      run_concurrently(branches);
      if (!torn.empty()) RC_FAIL("inconsistent snapshot during writes: " + torn);
      RC_ASSERT(TypeParam::histogram_view(*h).count == static_cast<std::uint64_t>(writers * per_writer));
    });
  }
}

}  // namespace gauntlet::properties::metrics
