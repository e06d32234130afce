#pragma once
/// What a user writes to run the metrics suite: a struct of static functions
/// in groups. Each group the adapter provides switches on its properties;
/// properties of a missing group are reported as skipped.
///
///   counter:    using Counter; make_counter(); counter_add(Counter&, double); counter_value(Counter&) -> double
///   gauge:      using Gauge; make_gauge(); gauge_set(Gauge&, double); gauge_add(Gauge&, double); gauge_value(Gauge&)
///   histogram:  using Histogram; make_histogram(const std::vector<double>& bounds_hint);
///               observe(Histogram&, double); histogram_view(Histogram&) -> HistogramView
///   quantiles:  quantile(Histogram&, double q) -> double
///   merge:      merge(Histogram& into, Histogram& from)
///   exposition: using Registry; make_registry(); expose_counter(Registry&, name, labels, double value);
///               exposition(Registry&) -> std::string (Prometheus text 0.0.4)
/// plus `static MetricsCapabilities capabilities();`.
#include <concepts>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace gauntlet::properties::metrics {

/// How a counter treats a negative increment.
enum class NegativeIncrement {
  kIgnored,      ///< the call returns and the value is unchanged (or it is reported as an error)
  kUnsupported,  ///< the API cannot express one (unsigned increments)
};

/// What the quantile error bound is measured in.
enum class QuantileErrorKind {
  kNone,           ///< no bound declared: only monotonicity and [min, max] are checked
  kRank,           ///< |rank(reported) - q*n| <= bound * n
  kRelativeValue,  ///< |reported - exact nearest-rank value| <= bound * exact
};

struct MetricsCapabilities {
  NegativeIncrement negative_increment = NegativeIncrement::kIgnored;
  bool integer_counter = false;  ///< counters take whole increments only
  QuantileErrorKind quantile_error = QuantileErrorKind::kNone;
  double quantile_bound = 0.0;
  double min_value = 0.0;    ///< observations the suite generates lie in [min_value, max_value]
  double max_value = 1e6;
  bool thread_safe = true;   ///< concurrent updates and snapshots are allowed
};

/// A histogram's state as the suite compares it: `cumulative[i]` is the
/// number of observations <= bounds[i] (Prometheus `le`), without +Inf.
struct HistogramView {
  std::uint64_t count = 0;
  double sum = 0.0;
  std::vector<double> bounds;
  std::vector<std::uint64_t> cumulative;
  friend bool operator==(const HistogramView&, const HistogramView&) = default;
};

using Labels = std::vector<std::pair<std::string, std::string>>;

template <typename A>
concept CounterGroup = requires(typename A::Counter& c) {
  { A::make_counter() } -> std::same_as<std::unique_ptr<typename A::Counter>>;
  A::counter_add(c, 1.0);
  { A::counter_value(c) } -> std::convertible_to<double>;
};

template <typename A>
concept GaugeGroup = requires(typename A::Gauge& g) {
  { A::make_gauge() } -> std::same_as<std::unique_ptr<typename A::Gauge>>;
  A::gauge_set(g, 1.0);
  A::gauge_add(g, 1.0);
  { A::gauge_value(g) } -> std::convertible_to<double>;
};

template <typename A>
concept HistogramGroup = requires(typename A::Histogram& h, const std::vector<double>& bounds) {
  { A::make_histogram(bounds) } -> std::same_as<std::unique_ptr<typename A::Histogram>>;
  A::observe(h, 1.0);
  { A::histogram_view(h) } -> std::same_as<HistogramView>;
};

template <typename A>
concept QuantileGroup = HistogramGroup<A> && requires(typename A::Histogram& h) {
  { A::quantile(h, 0.5) } -> std::convertible_to<double>;
};

template <typename A>
concept MergeGroup = HistogramGroup<A> && requires(typename A::Histogram& a, typename A::Histogram& b) {
  A::merge(a, b);
};

template <typename A>
concept ExpositionGroup = requires(typename A::Registry& r, const std::string& name, const Labels& labels) {
  { A::make_registry() } -> std::same_as<std::unique_ptr<typename A::Registry>>;
  A::expose_counter(r, name, labels, 1.0);
  { A::exposition(r) } -> std::convertible_to<std::string>;
};

/// An adapter declares capabilities and provides at least one group.
template <typename A>
concept MetricsAdapter = requires {
  { A::capabilities() } -> std::same_as<MetricsCapabilities>;
} && (CounterGroup<A> || GaugeGroup<A> || HistogramGroup<A> || ExpositionGroup<A>);

}  // namespace gauntlet::properties::metrics
