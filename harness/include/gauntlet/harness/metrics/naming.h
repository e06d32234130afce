#pragma once
/// How a name and a unit given to the Registry become the exported family
/// name and OpenMetrics unit: Prometheus names are kept (and must end with
/// their unit), OpenTelemetry instrument names (`flow.execution.duration`) are
/// mapped by the OpenTelemetry "Prometheus and OpenMetrics compatibility"
/// rules. docs/metrics.md, "Names and units", states the rule with examples.
#include "gauntlet/harness/error.h"
#include "gauntlet/harness/metrics/snapshot.h"

#include <string>
#include <string_view>

namespace gauntlet::metrics {

/// A family's exported name and unit.
struct ExportName {
  /// Prometheus family name; for counters (and meters) without `_total`.
  std::string name;
  /// OpenMetrics unit ("seconds", "bytes", "bytes_per_second"), "" for none.
  /// When set, `name` ends with "_" + unit.
  std::string unit;
};

/// True when `name` is an OpenTelemetry-style name: it contains a `.`.
bool is_otel_name(std::string_view name) noexcept;

/// The Prometheus form of a unit: UCUM abbreviations become words ("s" ->
/// "seconds", "ms" -> "milliseconds", "By" -> "bytes", "KiBy" -> "kibibytes",
/// "Cel" -> "celsius", "%" -> "percent", ...), "1" becomes "ratio", annotations
/// in braces are dropped ("{request}" -> ""), "a/b" becomes "a_per_b" with
/// the denominator singular ("By/s" -> "bytes_per_second"), anything else keeps
/// its letters and digits with `_` between runs ("seconds" -> "seconds").
/// kInvalidArgument when the unit holds a byte outside printable ASCII.
Result<std::string> prometheus_unit(std::string_view unit);

/// The exported name of a family registered as `name` with `unit` (UCUM or a
/// Prometheus unit word; "" for none) and exposition type `type`:
///  - A name containing `.` is an OpenTelemetry instrument name: it must
///    match `[A-Za-z][A-Za-z0-9_.\-/]{0,254}`; every character other than a
///    letter, digit or `_` becomes `_`, runs of `_` become one, a counter's
///    trailing `_total` is dropped (exposition writes it), and `_<unit>` is
///    appended unless the name already ends with it.
///  - Any other name must be a Prometheus name (validate_metric_name); a
///    counter's `_total` is dropped; with a unit it must already end with
///    `_<unit>` (OpenMetrics requires the unit as the name's suffix), else
///    kInvalidArgument naming the metric, the unit and the expected suffix.
/// Errors are kInvalidArgument naming the metric.
Result<ExportName> export_name(std::string_view name, std::string_view unit, MetricType type);

}  // namespace gauntlet::metrics
