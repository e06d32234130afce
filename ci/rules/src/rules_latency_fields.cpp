#include "rules_latency_fields.h"

#include "gauntlet/harness/metrics/labels.h"
#include "gauntlet/harness/metrics/naming.h"

#include <array>

namespace gauntlet::ci::rules::detail {
namespace {

struct TimeUnit {
  const char* word;
  double per_nanosecond;
};
constexpr std::array<TimeUnit, 4> kTimeUnits = {
    {{"seconds", 1e-9}, {"milliseconds", 1e-6}, {"microseconds", 1e-3}, {"nanoseconds", 1.0}}};

// The histogram `metric` (with `unit`, or "") as exported, in a time unit.
Result<HistogramRef> histogram_ref(const FieldReader& r, const YAML::Node& metric_node, const std::string& field,
                                   const YAML::Node& unit_node) {
  GAUNTLET_RULES_TRY(metric, r.text(metric_node, field + ".metric"));
  std::string unit;
  if (unit_node) {
    GAUNTLET_RULES_TRY(u, r.text(unit_node, field + ".unit"));
    unit = u;
  }
  auto exported = metrics::export_name(metric, unit, metrics::MetricType::kHistogram);
  if (!exported.ok()) return r.error(metric_node, field + ".metric", exported.error().message());
  HistogramRef ref;
  ref.metric = exported->name;
  for (const TimeUnit& t : kTimeUnits) {
    const bool named = exported->unit.empty() && ref.metric.ends_with(std::string("_") + t.word);
    if (exported->unit == t.word || named) {
      ref.unit = t.word;
      ref.per_nanosecond = t.per_nanosecond;
      return ref;
    }
  }
  const YAML::Node& at = unit_node ? unit_node : metric_node;
  return r.error(at, field + (unit_node ? ".unit" : ".metric"),
                 exported->unit.empty() ? "\"" + ref.metric +
                                              "\" does not end with a time unit (_seconds, _milliseconds, "
                                              "_microseconds, _nanoseconds); give unit: s, ms, us or ns"
                                        : "unit \"" + exported->unit + "\" is not a time unit (s, ms, us or ns)");
}

Result<Matchers> read_matchers(const FieldReader& r, const YAML::Node& node, const std::string& field) {
  if (Status s = r.map(node, field, {}); !s.ok()) return s.error();
  Matchers out;
  for (const auto& kv : node) {
    const std::string name = kv.first.Scalar();
    if (Status s = metrics::validate_label_name(name); !s.ok()) return r.error(kv.first, field, s.error().message());
    if (!kv.second.IsScalar()) return r.error(kv.second, field + "." + name, "expected a string");
    GAUNTLET_RULES_TRY(value, r.text(kv.second, field + "." + name));
    out.emplace_back(name, value);
  }
  return out;
}

Result<OperationOverride> read_override(const FieldReader& r, const std::string& op, const YAML::Node& node,
                                        const LatencyMapping& rule) {
  const std::string field = "latency.operations." + op;
  if (Status s = r.map(node, field, {"metric", "unit", "labels"}); !s.ok()) return s.error();
  if (!node["metric"] && !node["labels"]) return r.error(node, field, "expected metric and/or labels");
  OperationOverride o;
  o.where = r.where(node);
  o.histogram = rule.histogram;
  o.matchers = {{rule.label, op}};
  if (node["metric"]) {
    GAUNTLET_RULES_TRY(h, histogram_ref(r, node["metric"], field, node["unit"]));
    o.histogram = h;
  } else if (node["unit"]) {
    return r.error(node["unit"], field + ".unit", "a unit needs a metric");
  }
  if (node["labels"]) {
    GAUNTLET_RULES_TRY(m, read_matchers(r, node["labels"], field + ".labels"));
    o.matchers = m;
  }
  return o;
}

}  // namespace

Result<LatencyMapping> read_latency(const FieldReader& r, const YAML::Node& node) {
  if (Status s = r.map(node, "latency", {"metric", "unit", "label", "operations"}); !s.ok()) return s.error();
  if (!node["metric"]) return r.error(node, "latency.metric", "missing: the histogram holding each operation");
  if (!node["label"]) return r.error(node, "latency.label", "missing: the label whose value is the operation");
  LatencyMapping m;
  GAUNTLET_RULES_TRY(h, histogram_ref(r, node["metric"], "latency", node["unit"]));
  m.histogram = h;
  GAUNTLET_RULES_TRY(label, r.text(node["label"], "latency.label"));
  if (Status s = metrics::validate_label_name(label); !s.ok())
    return r.error(node["label"], "latency.label", s.error().message());
  m.label = label;
  if (const YAML::Node ops = node["operations"]) {
    if (Status s = r.map(ops, "latency.operations", {}); !s.ok()) return s.error();
    for (const auto& kv : ops) {
      GAUNTLET_RULES_TRY(o, read_override(r, kv.first.Scalar(), kv.second, m));
      m.overrides.emplace(kv.first.Scalar(), std::move(o));
    }
  }
  return m;
}

}  // namespace gauntlet::ci::rules::detail
