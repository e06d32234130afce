#include "gauntlet/harness/metrics/family.h"

#include <fmt/format.h>

#include <algorithm>

namespace gauntlet::metrics::detail {

FamilyBase::FamilyBase(std::string name, std::string help, MetricType type, std::vector<std::string> label_names,
                       std::string unit)
    : name_(std::move(name)),
      help_(std::move(help)),
      unit_(std::move(unit)),
      type_(type),
      label_names_(std::move(label_names)) {}

FamilyBase::~FamilyBase() = default;

Result<std::vector<std::string>> FamilyBase::ordered_values(const Labels& labels) const {
  if (labels.size() != label_names_.size()) {
    return Error(ErrorCode::kInvalidArgument, fmt::format("metric \"{}\" takes labels [{}], got {} label(s)", name_,
                                                          fmt::join(label_names_, ", "), labels.size()));
  }
  std::vector<std::string> values(label_names_.size());
  std::vector<bool> seen(label_names_.size(), false);
  for (const auto& [label, value] : labels) {
    auto it = std::find(label_names_.begin(), label_names_.end(), label);
    if (it == label_names_.end()) {
      return Error(ErrorCode::kInvalidArgument, fmt::format("metric \"{}\" has no label \"{}\" (labels: [{}])", name_,
                                                            label, fmt::join(label_names_, ", ")));
    }
    const auto pos = static_cast<std::size_t>(it - label_names_.begin());
    if (seen[pos]) {
      return Error(ErrorCode::kInvalidArgument, fmt::format("metric \"{}\": label \"{}\" given twice", name_, label));
    }
    if (Status s = validate_label_value(value); !s.ok()) {
      return s.error().with_context(fmt::format("metric \"{}\" label \"{}\"", name_, label));
    }
    seen[pos] = true;
    values[pos] = value;
  }
  return values;
}

FamilySnapshot FamilyBase::empty_snapshot() const {
  FamilySnapshot out;
  out.name = name_;
  out.help = help_;
  out.unit = unit_;
  out.type = type_;
  out.label_names = label_names_;
  return out;
}

void fill_series(const Counter& metric, SeriesSnapshot& out) { out.counter = metric.value(); }
void fill_series(const Gauge& metric, SeriesSnapshot& out) { out.gauge = metric.value(); }
void fill_series(const Histogram& metric, SeriesSnapshot& out) { out.histogram.emplace(metric.snapshot()); }
void fill_series(const Meter& metric, SeriesSnapshot& out) { out.counter = metric.count(); }

}  // namespace gauntlet::metrics::detail
