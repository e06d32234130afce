#include "gauntlet/harness/metrics/registry.h"

#include <fmt/format.h>

#include <algorithm>

namespace gauntlet::metrics {
namespace {

enum class Instrument { kCounter, kGauge, kHistogram, kMeter };

std::string_view instrument_name(Instrument i) noexcept {
  switch (i) {
    case Instrument::kCounter:
      return "counter";
    case Instrument::kGauge:
      return "gauge";
    case Instrument::kHistogram:
      return "histogram";
    case Instrument::kMeter:
      return "meter";
  }
  return "unknown";
}

MetricType exposition_type(Instrument i) noexcept {
  switch (i) {
    case Instrument::kGauge:
      return MetricType::kGauge;
    case Instrument::kHistogram:
      return MetricType::kHistogram;
    case Instrument::kCounter:
    case Instrument::kMeter:
      return MetricType::kCounter;
  }
  return MetricType::kCounter;
}

// The sample names a family of this name and type writes.
std::vector<std::string> exposed_names(const std::string& name, MetricType type) {
  switch (type) {
    case MetricType::kCounter:
      return {name + "_total"};
    case MetricType::kGauge:
      return {name};
    case MetricType::kHistogram:
      return {name + "_bucket", name + "_sum", name + "_count"};
  }
  return {name};
}

}  // namespace

struct Registry::Shape {
  Instrument instrument = Instrument::kCounter;
  std::vector<std::string> label_names;
  const HistogramOptions* options = nullptr;  // histograms only
  const Clock* clock = nullptr;               // meters only
};

struct Registry::Entry {
  std::unique_ptr<detail::FamilyBase> family;
  /// The name as registered (after dropping a counter's `_total`): two
  /// different sources of one exported name are a collision.
  std::string source;
  Instrument instrument = Instrument::kCounter;
  HistogramOptions options;           // histograms only
  std::vector<double> export_bounds;  // histograms only: effective `le` bounds
  const Clock* clock = nullptr;       // meters only
};

Registry::Registry() = default;
Registry::~Registry() = default;

std::string_view to_string(MetricType type) noexcept {
  switch (type) {
    case MetricType::kCounter:
      return "counter";
    case MetricType::kGauge:
      return "gauge";
    case MetricType::kHistogram:
      return "histogram";
  }
  return "unknown";
}

Result<detail::FamilyBase*> Registry::find_or_add(
    const MetricInfo& info, Shape& shape,
    const std::function<std::unique_ptr<detail::FamilyBase>(const ExportName&)>& make) {
  const MetricType type = exposition_type(shape.instrument);
  Result<ExportName> exported = export_name(info.name, info.unit, type);
  if (!exported.ok()) return exported.error();
  const std::string& name = exported->name;
  const std::vector<std::string>& label_names = shape.label_names;
  for (std::size_t i = 0; i < label_names.size(); ++i) {
    if (Status s = validate_label_name(label_names[i]); !s.ok()) {
      return s.error().with_context(fmt::format("metric \"{}\"", info.name));
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (label_names[j] == label_names[i]) {
        return Error(ErrorCode::kInvalidArgument,
                     fmt::format("metric \"{}\": label \"{}\" declared twice", info.name, label_names[i]));
      }
    }
  }
  if (shape.options != nullptr) {
    if (Status s = shape.options->validate(); !s.ok()) {
      return s.error().with_context(fmt::format("metric \"{}\"", info.name));
    }
  }
  std::string source = is_otel_name(info.name) ? std::string(info.name) : name;
  std::lock_guard lock(mutex_);
  auto it = families_.find(name);
  if (it != families_.end()) {
    const Entry& e = *it->second;
    const detail::FamilyBase& f = *e.family;
    if (e.source != source) {
      return Error(ErrorCode::kAlreadyExists,
                   fmt::format("metric \"{}\" and metric \"{}\" are both exported as \"{}\"", source, e.source, name));
    }
    const bool same = e.instrument == shape.instrument && f.label_names() == label_names &&
                      f.unit() == exported->unit && (shape.options == nullptr || *shape.options == e.options) &&
                      (shape.clock == nullptr || shape.clock == e.clock);
    if (!same) {
      return Error(ErrorCode::kAlreadyExists,
                   fmt::format("metric \"{}\" is already registered as a {} with labels [{}]{}{}", name,
                               instrument_name(e.instrument), fmt::join(f.label_names(), ", "),
                               f.unit().empty() ? "" : " and unit ", f.unit()));
    }
    return e.family.get();
  }
  for (const std::string& sample : exposed_names(name, type)) {
    for (const auto& [other_name, other] : families_) {
      const std::vector<std::string> taken = exposed_names(other_name, other->family->type());
      if (std::find(taken.begin(), taken.end(), sample) != taken.end()) {
        return Error(
            ErrorCode::kAlreadyExists,
            fmt::format("metric \"{}\" ({}) and metric \"{}\" ({}) would both expose \"{}\"", info.name,
                        instrument_name(shape.instrument), other->source, instrument_name(other->instrument), sample));
      }
    }
  }
  auto entry = std::make_unique<Entry>();
  entry->family = make(*exported);
  entry->source = std::move(source);
  entry->instrument = shape.instrument;
  entry->clock = shape.clock;
  if (shape.options != nullptr) {
    entry->options = *shape.options;
    entry->export_bounds = shape.options->effective_export_bounds();
  }
  detail::FamilyBase* family = entry->family.get();
  families_.emplace(name, std::move(entry));
  return family;
}

Result<Family<Counter>*> Registry::counter_family(const MetricInfo& info, std::vector<std::string> label_names) {
  Shape shape{Instrument::kCounter, std::move(label_names)};
  auto r = find_or_add(info, shape, [&](const ExportName& n) {
    return std::make_unique<Family<Counter>>(
        n.name, std::string(info.help), shape.label_names, [] { return std::make_unique<Counter>(); }, n.unit);
  });
  if (!r.ok()) return std::move(r).error();
  return static_cast<Family<Counter>*>(*r);
}

Result<Family<Gauge>*> Registry::gauge_family(const MetricInfo& info, std::vector<std::string> label_names) {
  Shape shape{Instrument::kGauge, std::move(label_names)};
  auto r = find_or_add(info, shape, [&](const ExportName& n) {
    return std::make_unique<Family<Gauge>>(
        n.name, std::string(info.help), shape.label_names, [] { return std::make_unique<Gauge>(); }, n.unit);
  });
  if (!r.ok()) return std::move(r).error();
  return static_cast<Family<Gauge>*>(*r);
}

Result<Family<Histogram>*> Registry::histogram_family(const MetricInfo& info, std::vector<std::string> label_names,
                                                      HistogramOptions options) {
  Shape shape{Instrument::kHistogram, std::move(label_names), &options};
  auto r = find_or_add(info, shape, [&](const ExportName& n) {
    return std::make_unique<Family<Histogram>>(
        n.name, std::string(info.help), shape.label_names,
        [options] { return std::move(Histogram::create(options)).value(); },  // validated above
        n.unit);
  });
  if (!r.ok()) return std::move(r).error();
  return static_cast<Family<Histogram>*>(*r);
}

Result<Family<Meter>*> Registry::meter_family(const MetricInfo& info, std::vector<std::string> label_names,
                                              const Clock& clock) {
  Shape shape{Instrument::kMeter, std::move(label_names), nullptr, &clock};
  auto r = find_or_add(info, shape, [&](const ExportName& n) {
    return std::make_unique<Family<Meter>>(
        n.name, std::string(info.help), shape.label_names, [&clock] { return std::make_unique<Meter>(clock); }, n.unit);
  });
  if (!r.ok()) return std::move(r).error();
  return static_cast<Family<Meter>*>(*r);
}

Result<Family<Counter>*> Registry::counter_family(std::string_view name, std::string_view help,
                                                  std::vector<std::string> label_names) {
  return counter_family(MetricInfo{name, help}, std::move(label_names));
}

Result<Family<Gauge>*> Registry::gauge_family(std::string_view name, std::string_view help,
                                              std::vector<std::string> label_names) {
  return gauge_family(MetricInfo{name, help}, std::move(label_names));
}

Result<Family<Histogram>*> Registry::histogram_family(std::string_view name, std::string_view help,
                                                      std::vector<std::string> label_names, HistogramOptions options) {
  return histogram_family(MetricInfo{name, help}, std::move(label_names), std::move(options));
}

Result<Family<Meter>*> Registry::meter_family(std::string_view name, std::string_view help,
                                              std::vector<std::string> label_names, const Clock& clock) {
  return meter_family(MetricInfo{name, help}, std::move(label_names), clock);
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

Result<Meter*> Registry::meter(std::string_view name, std::string_view help, const Clock& clock) {
  auto f = meter_family(name, help, {}, clock);
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
