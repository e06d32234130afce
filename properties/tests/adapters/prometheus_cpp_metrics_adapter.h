#pragma once
/// MetricsAdapter for prometheus-cpp's Counter, Gauge and Histogram, and its
/// Registry + TextSerializer for exposition. prometheus-cpp histograms have no
/// quantiles and no merge, so those properties are reported as skipped.
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>
#include <prometheus/text_serializer.h>

#include "gauntlet/properties/metrics/adapter.h"

namespace gauntlet::properties::adapters {

struct PrometheusCppMetricsAdapter {
  static constexpr metrics::MetricsCapabilities capabilities() {
    metrics::MetricsCapabilities caps;
    caps.groups = {.counter = Group::kProvided,
                   .gauge = Group::kProvided,
                   .histogram = Group::kProvided,
                   .quantiles = Group::kUnsupported,  // no quantiles
                   .merge = Group::kUnsupported,      // no merge
                   .exposition = Group::kProvided};
    caps.negative_increment = metrics::NegativeIncrement::kIgnored;  // Counter::Increment(v < 0) returns
    caps.min_value = 0.0;
    caps.max_value = 1e6;
    return caps;
  }

  using Counter = prometheus::Counter;
  static std::unique_ptr<Counter> make_counter() { return std::make_unique<Counter>(); }
  static void counter_add(Counter& c, double v) { c.Increment(v); }
  static double counter_value(Counter& c) { return c.Value(); }

  using Gauge = prometheus::Gauge;
  static std::unique_ptr<Gauge> make_gauge() { return std::make_unique<Gauge>(); }
  static void gauge_set(Gauge& g, double v) { g.Set(v); }
  static void gauge_add(Gauge& g, double v) { g.Increment(v); }
  static double gauge_value(Gauge& g) { return g.Value(); }

  using Histogram = prometheus::Histogram;
  static std::unique_ptr<Histogram> make_histogram(const std::vector<double>& bounds) {
    return std::make_unique<Histogram>(bounds.empty() ? std::vector<double>{1, 10, 100} : bounds);
  }
  static void observe(Histogram& h, double v) { h.Observe(v); }
  static metrics::HistogramView histogram_view(Histogram& h) {
    const prometheus::ClientMetric m = h.Collect();
    metrics::HistogramView view{m.histogram.sample_count, m.histogram.sample_sum, {}, {}};
    for (const auto& bucket : m.histogram.bucket) {
      if (bucket.upper_bound == std::numeric_limits<double>::infinity()) continue;
      view.bounds.push_back(bucket.upper_bound);
      view.cumulative.push_back(bucket.cumulative_count);
    }
    return view;
  }

  using Registry = prometheus::Registry;
  static std::unique_ptr<Registry> make_registry() { return std::make_unique<Registry>(); }
  static void expose_counter(Registry& r, const std::string& name, const metrics::Labels& labels, double v) {
    auto& family = prometheus::BuildCounter().Name(name).Help("property series").Register(r);
    std::map<std::string, std::string> label_map(labels.begin(), labels.end());
    family.Add(label_map).Increment(v);
  }
  static std::string exposition(Registry& r) {
    std::ostringstream out;
    prometheus::TextSerializer().Serialize(out, r.Collect());
    return out.str();
  }
};

}  // namespace gauntlet::properties::adapters
