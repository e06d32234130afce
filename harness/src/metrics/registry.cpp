#include "gauntlet/harness/metrics/registry.h"

#include <fmt/format.h>

#include <algorithm>

namespace gauntlet::metrics {

struct Registry::Entry {
  std::unique_ptr<detail::FamilyBase> family;
  HistogramOptions options;           // histograms only
  std::vector<double> export_bounds;  // histograms only: effective `le` bounds
};

Registry::Registry() = default;
Registry::~Registry() = default;

std::string_view to_string(MetricType type) noexcept {
  switch (type) {
    case MetricType::kCounter: return "counter";
    case MetricType::kGauge: return "gauge";
    case MetricType::kHistogram: return "histogram";
  }
  return "unknown";
}

Result<detail::FamilyBase*> Registry::find_or_add(std::string name, MetricType type,
                                                  std::vector<std::string>& label_names,
                                                  const HistogramOptions* options,
                                                  const std::function<std::unique_ptr<detail::FamilyBase>()>& make) {
  if (Status s = validate_metric_name(name); !s.ok()) return s.error();
  for (std::size_t i = 0; i < label_names.size(); ++i) {
    if (Status s = validate_label_name(label_names[i]); !s.ok()) {
      return s.error().with_context(fmt::format("metric \"{}\"", name));
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (label_names[j] == label_names[i]) {
        return Error(ErrorCode::kInvalidArgument,
                     fmt::format("metric \"{}\": label \"{}\" declared twice", name, label_names[i]));
      }
    }
  }
  if (options != nullptr) {
    if (Status s = options->validate(); !s.ok()) return s.error().with_context(fmt::format("metric \"{}\"", name));
  }
  std::lock_guard lock(mutex_);
  auto it = families_.find(name);
  if (it != families_.end()) {
    const detail::FamilyBase& f = *it->second->family;
    const bool same = f.type() == type && f.label_names() == label_names &&
                      (options == nullptr || *options == it->second->options);
    if (!same) {
      return Error(ErrorCode::kAlreadyExists,
                   fmt::format("metric \"{}\" is already registered as a {} with labels [{}]", name,
                               to_string(f.type()), fmt::join(f.label_names(), ", ")));
    }
    return it->second->family.get();
  }
  auto entry = std::make_unique<Entry>();
  entry->family = make();
  if (options != nullptr) {
    entry->options = *options;
    entry->export_bounds = options->effective_export_bounds();
  }
  detail::FamilyBase* family = entry->family.get();
  families_.emplace(std::move(name), std::move(entry));
  return family;
}

Result<Family<Counter>*> Registry::counter_family(std::string_view name, std::string_view help,
                                                  std::vector<std::string> label_names) {
  std::string base(name);
  if (base.size() > 6 && base.ends_with("_total")) base.resize(base.size() - 6);
  auto r = find_or_add(base, MetricType::kCounter, label_names, nullptr, [&] {
    return std::make_unique<Family<Counter>>(base, std::string(help), label_names,
                                             [] { return std::make_unique<Counter>(); });
  });
  if (!r.ok()) return std::move(r).error();
  return static_cast<Family<Counter>*>(*r);
}

Result<Family<Gauge>*> Registry::gauge_family(std::string_view name, std::string_view help,
                                              std::vector<std::string> label_names) {
  auto r = find_or_add(std::string(name), MetricType::kGauge, label_names, nullptr, [&] {
    return std::make_unique<Family<Gauge>>(std::string(name), std::string(help), label_names,
                                           [] { return std::make_unique<Gauge>(); });
  });
  if (!r.ok()) return std::move(r).error();
  return static_cast<Family<Gauge>*>(*r);
}

Result<Family<Histogram>*> Registry::histogram_family(std::string_view name, std::string_view help,
                                                      std::vector<std::string> label_names,
                                                      HistogramOptions options) {
  auto r = find_or_add(std::string(name), MetricType::kHistogram, label_names, &options, [&] {
    return std::make_unique<Family<Histogram>>(std::string(name), std::string(help), label_names, [options] {
      return std::move(Histogram::create(options)).value();  // validated above
    });
  });
  if (!r.ok()) return std::move(r).error();
  return static_cast<Family<Histogram>*>(*r);
}

Result<Counter*> Registry::counter(std::string_view name, std::string_view help) {
  auto f = counter_family(name, help);
  if (!f.ok()) return std::move(f).error();
  return (*f)->with({});
}

Result<Gauge*> Registry::gauge(std::string_view name, std::string_view help) {
  auto f = gauge_family(name, help);
  if (!f.ok()) return std::move(f).error();
  return (*f)->with({});
}

Result<Histogram*> Registry::histogram(std::string_view name, std::string_view help, HistogramOptions options) {
  auto f = histogram_family(name, help, {}, std::move(options));
  if (!f.ok()) return std::move(f).error();
  return (*f)->with({});
}

RegistrySnapshot Registry::snapshot() const {
  RegistrySnapshot out;
  std::lock_guard lock(mutex_);
  out.families.reserve(families_.size());
  for (const auto& [name, entry] : families_) {
    FamilySnapshot& f = out.families.emplace_back(entry->family->snapshot());
    if (f.type == MetricType::kHistogram) f.export_bounds = entry->export_bounds;
  }
  return out;
}

}  // namespace gauntlet::metrics
