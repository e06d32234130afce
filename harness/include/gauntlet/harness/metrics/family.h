#pragma once
/// Family: all series of one metric name, one per label set. Hot paths keep
/// the pointer `with()` returns and never look up by name again.
#include "gauntlet/harness/error.h"
#include "gauntlet/harness/metrics/counter.h"
#include "gauntlet/harness/metrics/gauge.h"
#include "gauntlet/harness/metrics/histogram.h"
#include "gauntlet/harness/metrics/labels.h"
#include "gauntlet/harness/metrics/meter.h"
#include "gauntlet/harness/metrics/snapshot.h"

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace gauntlet::metrics {

namespace detail {

/// What every family shares, whatever its metric type.
class FamilyBase {
 public:
  FamilyBase(std::string name, std::string help, MetricType type, std::vector<std::string> label_names,
             std::string unit = {});
  virtual ~FamilyBase();
  FamilyBase(const FamilyBase&) = delete;
  FamilyBase& operator=(const FamilyBase&) = delete;

  const std::string& name() const noexcept { return name_; }
  const std::string& help() const noexcept { return help_; }
  /// OpenMetrics unit, "" for none.
  const std::string& unit() const noexcept { return unit_; }
  /// The exposition type: a Meter family is exported as a counter.
  MetricType type() const noexcept { return type_; }
  const std::vector<std::string>& label_names() const noexcept { return label_names_; }
  /// A copy of every series, sorted by label values.
  virtual FamilySnapshot snapshot() const = 0;

 protected:
  /// The label values in declared-name order. kInvalidArgument when the set of
  /// names differs from the declared one (missing, extra, duplicate) or a
  /// value is not valid UTF-8.
  Result<std::vector<std::string>> ordered_values(const Labels& labels) const;
  FamilySnapshot empty_snapshot() const;

 private:
  std::string name_;
  std::string help_;
  std::string unit_;
  MetricType type_;
  std::vector<std::string> label_names_;
};

void fill_series(const Counter& metric, SeriesSnapshot& out);
void fill_series(const Gauge& metric, SeriesSnapshot& out);
void fill_series(const Histogram& metric, SeriesSnapshot& out);
/// A meter exports its count as a counter; rates are left to the reader
/// (PromQL `rate()`).
void fill_series(const Meter& metric, SeriesSnapshot& out);

template <typename T>
constexpr MetricType metric_type_of();
template <>
constexpr MetricType metric_type_of<Counter>() {
  return MetricType::kCounter;
}
template <>
constexpr MetricType metric_type_of<Gauge>() {
  return MetricType::kGauge;
}
template <>
constexpr MetricType metric_type_of<Histogram>() {
  return MetricType::kHistogram;
}
template <>
constexpr MetricType metric_type_of<Meter>() {
  return MetricType::kCounter;
}

}  // namespace detail

/// Series of type T (Counter, Gauge, Histogram or Meter) keyed by label set.
/// Created by a Registry, which owns it; series live as long as the registry.
template <typename T>
class Family final : public detail::FamilyBase {
 public:
  using Factory = std::function<std::unique_ptr<T>()>;

  Family(std::string name, std::string help, std::vector<std::string> label_names, Factory factory,
         std::string unit = {})
      : FamilyBase(std::move(name), std::move(help), detail::metric_type_of<T>(), std::move(label_names),
                   std::move(unit)),
        factory_(std::move(factory)) {}

  /// The series for `labels` (created on first use), e.g.
  /// `family.with({{"route", "/a"}})`. The pointer stays valid for the
  /// registry's lifetime. kInvalidArgument if the label names do not match
  /// the family's declared names exactly or a value is not valid UTF-8.
  Result<T*> with(const Labels& labels) {
    Result<std::vector<std::string>> values = ordered_values(labels);
    if (!values.ok()) return std::move(values).error();
    std::lock_guard lock(mutex_);
    auto it = series_.find(*values);
    if (it == series_.end()) it = series_.emplace(std::move(*values), factory_()).first;
    return it->second.get();
  }

  FamilySnapshot snapshot() const override {
    FamilySnapshot out = empty_snapshot();
    std::lock_guard lock(mutex_);
    out.series.reserve(series_.size());
    for (const auto& [values, metric] : series_) {
      SeriesSnapshot& s = out.series.emplace_back();
      s.label_values = values;
      detail::fill_series(*metric, s);
    }
    return out;
  }

 private:
  Factory factory_;
  mutable std::mutex mutex_;
  std::map<std::vector<std::string>, std::unique_ptr<T>> series_;
};

}  // namespace gauntlet::metrics
