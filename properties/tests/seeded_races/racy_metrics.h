#pragma once
// Metrics with one seeded race each (for measuring how often the concurrent
// properties detect it): a counter and a gauge whose add is a load and a
// store (lost updates), a histogram whose snapshot reads count, sum and
// buckets while writers update them one at a time (torn snapshots), and a
// histogram whose merge adds into the target with loads and stores.
#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

#include "gauntlet/properties/metrics/adapter.h"

namespace gauntlet::properties::seeded {

constexpr metrics::MetricsGroups only(Group metrics::MetricsGroups::*provided) {
  metrics::MetricsGroups g{Group::kUnsupported, Group::kUnsupported, Group::kUnsupported,
                           Group::kUnsupported, Group::kUnsupported, Group::kUnsupported};
  g.*provided = Group::kProvided;
  return g;
}

/// Lost update: two threads load the same value and both store value + v.
struct RacyCounterAdapter {
  static constexpr metrics::MetricsCapabilities capabilities() {
    return {.groups = only(&metrics::MetricsGroups::counter), .integer_counter = true};
  }
  struct Counter {
    std::atomic<double> value{0};
  };
  static std::unique_ptr<Counter> make_counter() { return std::make_unique<Counter>(); }
  static void counter_add(Counter& c, double v) { c.value.store(c.value.load() + v); }
  static double counter_value(Counter& c) { return c.value.load(); }
};

/// Lost update in gauge_add (set is a plain store, which is fine).
struct RacyGaugeAdapter {
  static constexpr metrics::MetricsCapabilities capabilities() {
    return {.groups = only(&metrics::MetricsGroups::gauge)};
  }
  struct Gauge {
    std::atomic<double> value{0};
  };
  static std::unique_ptr<Gauge> make_gauge() { return std::make_unique<Gauge>(); }
  static void gauge_set(Gauge& g, double v) { g.value.store(v); }
  static void gauge_add(Gauge& g, double v) { g.value.store(g.value.load() + v); }
  static double gauge_value(Gauge& g) { return g.value.load(); }
};

/// Torn snapshot: every field is atomic, but a writer updates them one after
/// the other and a reader copies them without any coordination.
struct TornHistogramAdapter {
  static constexpr metrics::MetricsCapabilities capabilities() {
    return {.groups = only(&metrics::MetricsGroups::histogram), .min_value = 0.0, .max_value = 1000.0};
  }
  struct Histogram {
    std::vector<double> bounds;
    std::unique_ptr<std::atomic<std::uint64_t>[]> buckets;  // non-cumulative, one per bound
    std::atomic<std::uint64_t> count{0};
    std::atomic<double> sum{0};
  };
  static std::unique_ptr<Histogram> make_histogram(const std::vector<double>& hint) {
    auto h = std::make_unique<Histogram>();
    h->bounds = hint.empty() ? std::vector<double>{1, 10, 100} : hint;
    h->buckets = std::make_unique<std::atomic<std::uint64_t>[]>(h->bounds.size());
    return h;
  }
  static void observe(Histogram& h, double v) {
    for (std::size_t i = 0; i < h.bounds.size(); ++i) {
      if (v <= h.bounds[i]) {
        h.buckets[i].fetch_add(1);
        break;
      }
    }
    h.count.fetch_add(1);
    double cur = h.sum.load();
    while (!h.sum.compare_exchange_weak(cur, cur + v)) {
    }
  }
  static metrics::HistogramView histogram_view(Histogram& h) {
    metrics::HistogramView view{h.count.load(), h.sum.load(), h.bounds, {}};
    std::uint64_t running = 0;
    for (std::size_t i = 0; i < h.bounds.size(); ++i) {
      running += h.buckets[i].load();
      view.cumulative.push_back(running);
    }
    return view;
  }
};

/// Lost updates in merge: the target's fields are read, added to and stored
/// back one by one, so concurrent merges into one histogram lose counts.
struct RacyMergeAdapter : TornHistogramAdapter {
  static constexpr metrics::MetricsCapabilities capabilities() {
    metrics::MetricsCapabilities caps = TornHistogramAdapter::capabilities();
    caps.groups.merge = Group::kProvided;
    return caps;
  }
  static void merge(Histogram& into, Histogram& from) {
    for (std::size_t i = 0; i < into.bounds.size(); ++i)
      into.buckets[i].store(into.buckets[i].load() + from.buckets[i].load());
    into.count.store(into.count.load() + from.count.load());
    into.sum.store(into.sum.load() + from.sum.load());
  }
};

}  // namespace gauntlet::properties::seeded
