#pragma once
/// What a user writes to run the metrics suite: a struct of static functions
/// in groups, and `static constexpr MetricsCapabilities capabilities()` that
/// declares every group provided or unsupported (see group.h):
///
///   counter:    using Counter; make_counter() -> std::unique_ptr<Counter>;
///               counter_add(Counter&, double); counter_value(Counter&) -> double
///   gauge:      using Gauge; make_gauge() -> std::unique_ptr<Gauge>; gauge_set(Gauge&, double);
///               gauge_add(Gauge&, double); gauge_value(Gauge&) -> double
///   histogram:  using Histogram; make_histogram(const std::vector<double>& bounds_hint)
///               -> std::unique_ptr<Histogram>; observe(Histogram&, double);
///               histogram_view(Histogram&) -> HistogramView
///   quantiles:  quantile(Histogram&, double q) -> double          (needs histogram)
///   merge:      merge(Histogram& into, Histogram& from)            (needs histogram)
///   exposition: using Registry; make_registry() -> std::unique_ptr<Registry>;
///               expose_counter(Registry&, const std::string& name, const Labels&, double value);
///               exposition(Registry&) -> std::string (Prometheus text 0.0.4)
///
/// Contracts the properties rely on:
/// - make_histogram({}) (an empty hint) must succeed: the quantile properties
///   ask for the implementation's default bounds.
/// - histogram sums are compared exactly after a merge (merge == observing the
///   union): observations lie on a quarter grid, so exact sums are possible.
/// - expose_counter called twice for the same name and labels accumulates;
///   exposition may name the sample `<name>_total`, the suffix is stripped.
#include <concepts>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "gauntlet/properties/group.h"

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

/// Which operation groups the adapter provides; every one must be declared.
struct MetricsGroups {
  Group counter = Group::kUndeclared;
  Group gauge = Group::kUndeclared;
  Group histogram = Group::kUndeclared;
  Group quantiles = Group::kUndeclared;
  Group merge = Group::kUndeclared;
  Group exposition = Group::kUndeclared;
};

struct MetricsCapabilities {
  MetricsGroups groups;
  NegativeIncrement negative_increment = NegativeIncrement::kIgnored;
  bool integer_counter = false;  ///< counters take whole increments only (and count them exactly past 2^53)
  QuantileErrorKind quantile_error = QuantileErrorKind::kNone;
  double quantile_bound = 0.0;
  double min_value = 0.0;  ///< observations the suite generates lie in [min_value, max_value]
  double max_value = 1e6;
  bool thread_safe = true;  ///< concurrent updates and snapshots are allowed
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

namespace detail {

// One concept per member, so a diagnosis can name the member that is wrong.
template <typename A> concept HasCounter = requires { typename A::Counter; };
template <typename A> concept MakeCounter = requires {
  { A::make_counter() } -> std::same_as<std::unique_ptr<typename A::Counter>>;
};
template <typename A> concept CounterAdd = requires(typename A::Counter& c) { A::counter_add(c, 1.0); };
template <typename A> concept CounterValue = requires(typename A::Counter& c) {
  { A::counter_value(c) } -> std::convertible_to<double>;
};
template <typename A> concept HasGauge = requires { typename A::Gauge; };
template <typename A> concept MakeGauge = requires {
  { A::make_gauge() } -> std::same_as<std::unique_ptr<typename A::Gauge>>;
};
template <typename A> concept GaugeSet = requires(typename A::Gauge& g) { A::gauge_set(g, 1.0); };
template <typename A> concept GaugeAdd = requires(typename A::Gauge& g) { A::gauge_add(g, 1.0); };
template <typename A> concept GaugeValue = requires(typename A::Gauge& g) {
  { A::gauge_value(g) } -> std::convertible_to<double>;
};
template <typename A> concept HasHistogram = requires { typename A::Histogram; };
template <typename A> concept MakeHistogram = requires(const std::vector<double>& bounds) {
  { A::make_histogram(bounds) } -> std::same_as<std::unique_ptr<typename A::Histogram>>;
};
template <typename A> concept Observe = requires(typename A::Histogram& h) { A::observe(h, 1.0); };
template <typename A> concept View = requires(typename A::Histogram& h) {
  { A::histogram_view(h) } -> std::same_as<HistogramView>;
};
template <typename A> concept Quantile = requires(typename A::Histogram& h) {
  { A::quantile(h, 0.5) } -> std::convertible_to<double>;
};
template <typename A> concept Merge = requires(typename A::Histogram& a, typename A::Histogram& b) { A::merge(a, b); };
template <typename A> concept HasRegistry = requires { typename A::Registry; };
template <typename A> concept MakeRegistry = requires {
  { A::make_registry() } -> std::same_as<std::unique_ptr<typename A::Registry>>;
};
template <typename A>
concept ExposeCounter = requires(typename A::Registry& r, const std::string& name, const Labels& l) {
  A::expose_counter(r, name, l, 1.0);
};
template <typename A> concept Exposition = requires(typename A::Registry& r) {
  { A::exposition(r) } -> std::convertible_to<std::string>;
};
template <typename A> concept HasCapabilities = requires {
  { A::capabilities() } -> std::same_as<MetricsCapabilities>;
};

/// The first thing wrong with an adapter, in declaration order.
enum class Diagnosis {
  kOk,
  kCapabilities,
  kCapabilitiesConstexpr,
  kCounterUndeclared,
  kCounterType,
  kMakeCounter,
  kCounterAdd,
  kCounterValue,
  kGaugeUndeclared,
  kGaugeType,
  kMakeGauge,
  kGaugeSet,
  kGaugeAdd,
  kGaugeValue,
  kHistogramUndeclared,
  kHistogramType,
  kMakeHistogram,
  kObserve,
  kHistogramView,
  kQuantilesUndeclared,
  kQuantilesWithoutHistogram,
  kQuantile,
  kMergeUndeclared,
  kMergeWithoutHistogram,
  kMerge,
  kExpositionUndeclared,
  kRegistryType,
  kMakeRegistry,
  kExposeCounter,
  kExposition,
  kNoGroup,
};

template <typename A>
consteval Diagnosis diagnose() {
  if constexpr (!HasCapabilities<A>) {
    return Diagnosis::kCapabilities;
  } else if constexpr (!properties::detail::ConstexprCapabilities<A>) {
    return Diagnosis::kCapabilitiesConstexpr;
  } else {
    constexpr MetricsGroups g = A::capabilities().groups;
    constexpr auto provided = [](Group x) { return x == Group::kProvided; };
    if (g.counter == Group::kUndeclared) return Diagnosis::kCounterUndeclared;
    if constexpr (provided(g.counter)) {
      if constexpr (!HasCounter<A>) return Diagnosis::kCounterType;
      else if constexpr (!MakeCounter<A>) return Diagnosis::kMakeCounter;
      else if constexpr (!CounterAdd<A>) return Diagnosis::kCounterAdd;
      else if constexpr (!CounterValue<A>) return Diagnosis::kCounterValue;
    }
    if (g.gauge == Group::kUndeclared) return Diagnosis::kGaugeUndeclared;
    if constexpr (provided(g.gauge)) {
      if constexpr (!HasGauge<A>) return Diagnosis::kGaugeType;
      else if constexpr (!MakeGauge<A>) return Diagnosis::kMakeGauge;
      else if constexpr (!GaugeSet<A>) return Diagnosis::kGaugeSet;
      else if constexpr (!GaugeAdd<A>) return Diagnosis::kGaugeAdd;
      else if constexpr (!GaugeValue<A>) return Diagnosis::kGaugeValue;
    }
    if (g.histogram == Group::kUndeclared) return Diagnosis::kHistogramUndeclared;
    if constexpr (provided(g.histogram)) {
      if constexpr (!HasHistogram<A>) return Diagnosis::kHistogramType;
      else if constexpr (!MakeHistogram<A>) return Diagnosis::kMakeHistogram;
      else if constexpr (!Observe<A>) return Diagnosis::kObserve;
      else if constexpr (!View<A>) return Diagnosis::kHistogramView;
    }
    if (g.quantiles == Group::kUndeclared) return Diagnosis::kQuantilesUndeclared;
    if constexpr (provided(g.quantiles)) {
      if constexpr (!provided(g.histogram)) return Diagnosis::kQuantilesWithoutHistogram;
      else if constexpr (!Quantile<A>) return Diagnosis::kQuantile;
    }
    if (g.merge == Group::kUndeclared) return Diagnosis::kMergeUndeclared;
    if constexpr (provided(g.merge)) {
      if constexpr (!provided(g.histogram)) return Diagnosis::kMergeWithoutHistogram;
      else if constexpr (!Merge<A>) return Diagnosis::kMerge;
    }
    if (g.exposition == Group::kUndeclared) return Diagnosis::kExpositionUndeclared;
    if constexpr (provided(g.exposition)) {
      if constexpr (!HasRegistry<A>) return Diagnosis::kRegistryType;
      else if constexpr (!MakeRegistry<A>) return Diagnosis::kMakeRegistry;
      else if constexpr (!ExposeCounter<A>) return Diagnosis::kExposeCounter;
      else if constexpr (!Exposition<A>) return Diagnosis::kExposition;
    }
    if (!provided(g.counter) && !provided(g.gauge) && !provided(g.histogram) && !provided(g.exposition)) {
      return Diagnosis::kNoGroup;
    }
    return Diagnosis::kOk;
  }
}

}  // namespace detail

/// An adapter whose capabilities declare every group, each provided group
/// complete and well typed, at least one provided.
template <typename A> concept MetricsAdapter = detail::diagnose<A>()
== detail::Diagnosis::kOk;

/// True when the (valid) adapter declares `member` provided, e.g.
/// provides<A>(&MetricsGroups::counter).
template <typename A>
constexpr bool provides(Group MetricsGroups::*member) {
  return A::capabilities().groups.*member == Group::kProvided;
}

}  // namespace gauntlet::properties::metrics

/// The diagnoses with their one-line messages (used by the instantiation macro).
#define GAUNTLET_DETAIL_METRICS_DIAGNOSES(X, name, value)                                                              \
  X(name, value, GAUNTLET_DETAIL_MD::kCapabilities,                                                                    \
    "is not a MetricsAdapter: needs static MetricsCapabilities capabilities()")                                        \
  X(name, value, GAUNTLET_DETAIL_MD::kCapabilitiesConstexpr,                                                           \
    "is not a MetricsAdapter: capabilities() must be constexpr")                                                       \
  X(name, value, GAUNTLET_DETAIL_MD::kCounterUndeclared,                                                               \
    "is not a MetricsAdapter: declare groups.counter kProvided or kUnsupported")                                       \
  X(name, value, GAUNTLET_DETAIL_MD::kCounterType, "counter group: missing type Counter")                              \
  X(name, value, GAUNTLET_DETAIL_MD::kMakeCounter,                                                                     \
    "counter group: make_counter() must return std::unique_ptr<Counter>")                                              \
  X(name, value, GAUNTLET_DETAIL_MD::kCounterAdd, "counter group: counter_add(Counter&, double) missing or mistyped")  \
  X(name, value, GAUNTLET_DETAIL_MD::kCounterValue, "counter group: counter_value(Counter&) must return a double")     \
  X(name, value, GAUNTLET_DETAIL_MD::kGaugeUndeclared,                                                                 \
    "is not a MetricsAdapter: declare groups.gauge kProvided or kUnsupported")                                         \
  X(name, value, GAUNTLET_DETAIL_MD::kGaugeType, "gauge group: missing type Gauge")                                    \
  X(name, value, GAUNTLET_DETAIL_MD::kMakeGauge, "gauge group: make_gauge() must return std::unique_ptr<Gauge>")       \
  X(name, value, GAUNTLET_DETAIL_MD::kGaugeSet, "gauge group: gauge_set(Gauge&, double) missing or mistyped")          \
  X(name, value, GAUNTLET_DETAIL_MD::kGaugeAdd, "gauge group: gauge_add(Gauge&, double) missing or mistyped")          \
  X(name, value, GAUNTLET_DETAIL_MD::kGaugeValue, "gauge group: gauge_value(Gauge&) must return a double")             \
  X(name, value, GAUNTLET_DETAIL_MD::kHistogramUndeclared,                                                             \
    "is not a MetricsAdapter: declare groups.histogram kProvided or kUnsupported")                                     \
  X(name, value, GAUNTLET_DETAIL_MD::kHistogramType, "histogram group: missing type Histogram")                        \
  X(name, value, GAUNTLET_DETAIL_MD::kMakeHistogram,                                                                   \
    "histogram group: make_histogram(const std::vector<double>&) must return std::unique_ptr<Histogram>")              \
  X(name, value, GAUNTLET_DETAIL_MD::kObserve, "histogram group: observe(Histogram&, double) missing or mistyped")     \
  X(name, value, GAUNTLET_DETAIL_MD::kHistogramView,                                                                   \
    "histogram group: histogram_view(Histogram&) must return HistogramView")                                           \
  X(name, value, GAUNTLET_DETAIL_MD::kQuantilesUndeclared,                                                             \
    "is not a MetricsAdapter: declare groups.quantiles kProvided or kUnsupported")                                     \
  X(name, value, GAUNTLET_DETAIL_MD::kQuantilesWithoutHistogram, "quantiles group: needs the histogram group")         \
  X(name, value, GAUNTLET_DETAIL_MD::kQuantile, "quantiles group: quantile(Histogram&, double) must return a double")  \
  X(name, value, GAUNTLET_DETAIL_MD::kMergeUndeclared,                                                                 \
    "is not a MetricsAdapter: declare groups.merge kProvided or kUnsupported")                                         \
  X(name, value, GAUNTLET_DETAIL_MD::kMergeWithoutHistogram, "merge group: needs the histogram group")                 \
  X(name, value, GAUNTLET_DETAIL_MD::kMerge,                                                                           \
    "merge group: merge(Histogram& into, Histogram& from) missing or mistyped")                                        \
  X(name, value, GAUNTLET_DETAIL_MD::kExpositionUndeclared,                                                            \
    "is not a MetricsAdapter: declare groups.exposition kProvided or kUnsupported")                                    \
  X(name, value, GAUNTLET_DETAIL_MD::kRegistryType, "exposition group: missing type Registry")                         \
  X(name, value, GAUNTLET_DETAIL_MD::kMakeRegistry,                                                                    \
    "exposition group: make_registry() must return std::unique_ptr<Registry>")                                         \
  X(name, value, GAUNTLET_DETAIL_MD::kExposeCounter,                                                                   \
    "exposition group: expose_counter(Registry&, const std::string&, const Labels&, double) missing or mistyped")      \
  X(name, value, GAUNTLET_DETAIL_MD::kExposition, "exposition group: exposition(Registry&) must return a std::string") \
  X(name, value, GAUNTLET_DETAIL_MD::kNoGroup, "is not a MetricsAdapter: provides no group")
#define GAUNTLET_DETAIL_MD ::gauntlet::properties::metrics::detail::Diagnosis
