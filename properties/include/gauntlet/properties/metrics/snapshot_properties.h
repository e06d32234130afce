#pragma once
/// Histograms under concurrent threads, as time-budgeted stress phases (see
/// stress.h): snapshots taken while other threads observe are internally
/// consistent (count, sum and buckets agree), counts never go back and no
/// observation is lost; merges from many threads into one histogram lose
/// nothing.
#include <atomic>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "gauntlet/properties/metrics/generators.h"
#include "gauntlet/properties/metrics/test_fixture.h"
#include "gauntlet/properties/step_log.h"
#include "gauntlet/properties/stress.h"

namespace gauntlet::properties::metrics {
namespace detail {

/// What is wrong with a view of a histogram that only ever observed `value`
/// ("" when nothing).
inline std::string inconsistency(const HistogramView& v, double value) {
  if (std::fabs(v.sum - value * static_cast<double>(v.count)) > 1e-9 * std::max(1.0, std::fabs(v.sum))) {
    return "sum " + std::to_string(v.sum) + " != count " + std::to_string(v.count) + " x " + std::to_string(value);
  }
  if (v.cumulative.size() != v.bounds.size()) return "bounds and cumulative counts differ in length";
  for (std::size_t i = 0; i < v.bounds.size(); ++i) {
    const std::uint64_t expected = value <= v.bounds[i] ? v.count : 0;
    if (v.cumulative[i] != expected) {
      return "bucket le=" + std::to_string(v.bounds[i]) + " holds " + std::to_string(v.cumulative[i]) + ", count is " +
             std::to_string(v.count);
    }
  }
  return {};
}

/// `once` merged `times` times: every count and the (exact, quarter-grid) sum
/// multiplied.
inline HistogramView repeated_union(const HistogramView& once, std::size_t times) {
  HistogramView v = once;
  v.count *= times;
  v.sum *= static_cast<double>(times);
  for (auto& c : v.cumulative) c *= times;
  return v;
}

}  // namespace detail

TYPED_TEST_P(MetricsProperties, HistogramSnapshotsConsistentDuringWrites) {
  const PropertySpec spec{Severity::kMust, 0.1, false};
  if constexpr (!provides<TypeParam>(&MetricsGroups::histogram)) {
    GAUNTLET_SKIP_PROPERTY(spec, "the adapter declares the histogram group unsupported");
  } else {
    if (!TypeParam::capabilities().thread_safe) GAUNTLET_SKIP_PROPERTY(spec, "not declared thread-safe");
    check_property(spec, [spec] {
      const auto caps = TypeParam::capabilities();
      const double value = *detail::gen_value(caps);
      const StressCase shape = *gen_stress_case(2, 4);  // one reader and 1-3 writers
      const std::size_t writers = shape.threads - 1;
      const std::uint64_t seed = shape.seed;
      const std::vector<double> hint{caps.min_value + 1, caps.min_value + 16, caps.min_value + 256};
      std::unique_ptr<typename TypeParam::Histogram> h;
      std::atomic<std::size_t> writing{0};
      std::string torn;  // written by the reader thread only
      StepLog log(writers + 1);
      const auto outcome = run_stress(
          {writers + 1, stress_budget_per_case(spec.case_scale), seed},
          [&](const StressRound& round) {
            log.clear();
            log.set_timed(round.length == 1);
            h = TypeParam::make_histogram(hint);
            RC_ASSERT(h != nullptr);
            writing.store(writers);
          },
          [&](std::size_t t, const StressRound& round) {
            if (t < writers) {
              for (std::size_t i = 0; i < round.length; ++i) {
                log.record(t, "observe", value, [&] { TypeParam::observe(*h, value); });
              }
              writing.fetch_sub(1);
              return;
            }
            std::uint64_t last = 0;
            for (bool more = true; more && torn.empty();) {
              more = writing.load() != 0;  // one snapshot after the writers finished
              HistogramView v;
              log.record(t, "snapshot", [&] {  // printed "snapshot sum=S -> count"
                v = TypeParam::histogram_view(*h);
                return v.count;
              });
              log.label_last(t, "sum", v.sum);
              if (v.count < last)
                torn = "count went back from " + std::to_string(last) + " to " + std::to_string(v.count);
              if (torn.empty()) torn = detail::inconsistency(v, value);
              last = v.count;
            }
          },
          [&](const StressRound& round) -> std::optional<std::string> {
            if (!torn.empty()) return "inconsistent snapshot during writes: " + torn;
            const HistogramView v = TypeParam::histogram_view(*h);
            if (v.count != writers * round.length) {
              return "histogram counts " + std::to_string(v.count) + " after " +
                     std::to_string(writers * round.length) + " concurrent observations";
            }
            if (auto bad = detail::inconsistency(v, value); !bad.empty()) return "after the writers finished: " + bad;
            return std::nullopt;
          },
          [&] { return log.format(); });
      require_no_failure(outcome);
    });
  }
}

TYPED_TEST_P(MetricsProperties, ConcurrentMergesEqualTheUnion) {
  const PropertySpec spec{Severity::kMust, 0.1, false};
  if constexpr (!provides<TypeParam>(&MetricsGroups::merge)) {
    GAUNTLET_SKIP_PROPERTY(spec, "the adapter declares the merge group unsupported");
  } else {
    if (!TypeParam::capabilities().thread_safe) GAUNTLET_SKIP_PROPERTY(spec, "not declared thread-safe");
    check_property(spec, [spec] {
      // Every thread merges its own histogram into one target, over and over.
      const auto caps = TypeParam::capabilities();
      const StressCase shape = *gen_stress_case(2, 4);
      const std::size_t threads = shape.threads;
      const auto values = *rc::gen::container<std::vector<std::vector<double>>>(
          threads, rc::gen::nonEmpty(rc::gen::container<std::vector<double>>(*rc::gen::inRange<std::size_t>(1, 9),
                                                                             detail::gen_value(caps))));
      const std::vector<double> hint{caps.min_value + 1, caps.min_value + 16, caps.min_value + 256};
      std::vector<std::unique_ptr<typename TypeParam::Histogram>> sources;
      for (const auto& mine : values) {
        sources.push_back(TypeParam::make_histogram(hint));
        for (double v : mine) TypeParam::observe(*sources.back(), v);
      }
      // What one merge of every source adds: a histogram of all their values.
      auto all = TypeParam::make_histogram(hint);
      for (const auto& mine : values) {
        for (double v : mine) TypeParam::observe(*all, v);
      }
      const HistogramView once = TypeParam::histogram_view(*all);
      std::unique_ptr<typename TypeParam::Histogram> target;
      StepLog log(threads);
      const auto outcome = run_stress(
          {threads, stress_budget_per_case(spec.case_scale), shape.seed, 4096},
          [&](const StressRound& round) {
            log.clear();
            log.set_timed(round.length == 1);
            target = TypeParam::make_histogram(hint);
          },
          [&](std::size_t t, const StressRound& round) {
            for (std::size_t i = 0; i < round.length; ++i) {
              log.record(t, "merge", [&] { TypeParam::merge(*target, *sources[t]); });
            }
          },
          [&](const StressRound& round) -> std::optional<std::string> {
            const HistogramView got = TypeParam::histogram_view(*target);
            const HistogramView want = detail::repeated_union(once, round.length);
            if (got.count != want.count || got.cumulative != want.cumulative ||
                std::fabs(got.sum - want.sum) > 1e-9 * std::max(1.0, want.sum)) {
              return "after " + std::to_string(threads * round.length) + " concurrent merges: count " +
                     std::to_string(got.count) + " (want " + std::to_string(want.count) + "), sum " +
                     std::to_string(got.sum) + " (want " + std::to_string(want.sum) + ")";
            }
            return std::nullopt;
          },
          [&] { return log.format(); });
      require_no_failure(outcome);
    });
  }
}

}  // namespace gauntlet::properties::metrics
