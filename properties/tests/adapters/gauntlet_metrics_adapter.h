#pragma once
/// MetricsAdapter for Gauntlet's own gauntlet::metrics (Counter, Gauge,
/// log-linear Histogram with quantiles and merge, Registry exposition).
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "gauntlet/harness/metrics/counter.h"
#include "gauntlet/harness/metrics/exposition.h"
#include "gauntlet/harness/metrics/gauge.h"
#include "gauntlet/harness/metrics/histogram.h"
#include "gauntlet/harness/metrics/registry.h"
#include "gauntlet/properties/metrics/adapter.h"

namespace gauntlet::properties::adapters {

struct GauntletMetricsAdapter {
  static constexpr metrics::MetricsCapabilities capabilities() {
    metrics::MetricsCapabilities caps;
    caps.groups = {.counter = Group::kProvided,
                   .gauge = Group::kProvided,
                   .histogram = Group::kProvided,
                   .quantiles = Group::kProvided,
                   .merge = Group::kProvided,
                   .exposition = Group::kProvided};
    caps.negative_increment = metrics::NegativeIncrement::kUnsupported;  // inc(std::uint64_t)
    caps.integer_counter = true;
    caps.quantile_error = metrics::QuantileErrorKind::kRelativeValue;  // log-linear buckets: 1%
    caps.quantile_bound = 0.01;
    caps.min_value = 1.0;  // HistogramOptions::lowest below
    caps.max_value = 1e6;
    return caps;
  }

  using Counter = gauntlet::metrics::Counter;
  static std::unique_ptr<Counter> make_counter() { return std::make_unique<Counter>(); }
  static void counter_add(Counter& c, double v) { c.inc(static_cast<std::uint64_t>(v)); }
  static double counter_value(Counter& c) { return static_cast<double>(c.value()); }

  using Gauge = gauntlet::metrics::Gauge;
  static std::unique_ptr<Gauge> make_gauge() { return std::make_unique<Gauge>(); }
  static void gauge_set(Gauge& g, double v) { g.set(v); }
  static void gauge_add(Gauge& g, double v) { g.inc(v); }
  static double gauge_value(Gauge& g) { return g.value(); }

  // The bucket layout is log-linear; the `le` bounds are its default
  // power-of-two export bounds (bucket edges), so the hint is not used.
  using Histogram = gauntlet::metrics::Histogram;
  static std::unique_ptr<Histogram> make_histogram(const std::vector<double>& /*bounds_hint*/) {
    gauntlet::metrics::HistogramOptions options;
    options.lowest = 1.0;
    options.highest = 1e6;
    auto created = Histogram::create(options);
    return created ? std::move(*created) : nullptr;
  }
  static void observe(Histogram& h, double v) { h.record(v); }
  static metrics::HistogramView histogram_view(Histogram& h) {
    const auto snapshot = h.snapshot();
    metrics::HistogramView view{snapshot.count, snapshot.sum, h.options().effective_export_bounds(), {}};
    for (double bound : view.bounds) view.cumulative.push_back(snapshot.cumulative_count(bound));
    return view;
  }
  static double quantile(Histogram& h, double q) { return h.snapshot().quantile(q); }
  static void merge(Histogram& into, Histogram& from) { (void)into.merge(from.snapshot()); }

  using Registry = gauntlet::metrics::Registry;
  static std::unique_ptr<Registry> make_registry() { return std::make_unique<Registry>(); }
  static void expose_counter(Registry& r, const std::string& name, const metrics::Labels& labels, double v) {
    std::vector<std::string> names;
    for (const auto& [label, value] : labels) names.push_back(label);
    auto family = r.counter_family(name, "property series", names);
    if (!family) return;
    auto series = (*family)->with(gauntlet::metrics::Labels(labels.begin(), labels.end()));
    if (series) (*series)->inc(static_cast<std::uint64_t>(v));
  }
  static std::string exposition(Registry& r) { return gauntlet::metrics::to_prometheus_text(r.snapshot()); }
};

}  // namespace gauntlet::properties::adapters
