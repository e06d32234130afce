#pragma once
/// Plain-data snapshot of a Registry: what the exposition writers format.
#include "gauntlet/harness/metrics/histogram_snapshot.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gauntlet::metrics {

enum class MetricType { kCounter, kGauge, kHistogram };

/// "counter", "gauge", "histogram".
std::string_view to_string(MetricType type) noexcept;

struct SeriesSnapshot {
  /// Values in the order of the family's `label_names`.
  std::vector<std::string> label_values;
  /// Counter total (kCounter only).
  std::uint64_t counter = 0;
  /// Gauge value (kGauge only).
  double gauge = 0.0;
  /// Histogram state (kHistogram only).
  std::optional<HistogramSnapshot> histogram;
};

struct FamilySnapshot {
  /// The family name; for counters (and meters) without the `_total` suffix
  /// (exposition adds it to the sample name).
  std::string name;
  std::string help;
  /// OpenMetrics unit ("seconds", "bytes"); "" for none. When set, `name`
  /// ends with "_" + unit.
  std::string unit;
  MetricType type = MetricType::kCounter;
  std::vector<std::string> label_names;
  /// `le` boundaries (histograms only).
  std::vector<double> export_bounds;
  /// Sorted by label values.
  std::vector<SeriesSnapshot> series;
};

/// Families in name order.
struct RegistrySnapshot {
  std::vector<FamilySnapshot> families;
};

}  // namespace gauntlet::metrics
