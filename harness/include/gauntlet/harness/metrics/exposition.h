#pragma once
/// Exposition of a RegistrySnapshot: Prometheus text format 0.0.4,
/// OpenMetrics 1.0 text, and a versioned JSON snapshot.
#include "gauntlet/harness/error.h"
#include "gauntlet/harness/metrics/snapshot.h"

#include <filesystem>
#include <string>
#include <string_view>

namespace gauntlet::metrics {

/// Content types to serve the formats with.
inline constexpr std::string_view kPrometheusContentType = "text/plain; version=0.0.4; charset=utf-8";
inline constexpr std::string_view kOpenMetricsContentType =
    "application/openmetrics-text; version=1.0.0; charset=utf-8";
/// The `schema` value of the JSON snapshot.
inline constexpr std::string_view kJsonSchema = "gauntlet.metrics/1";

/// Prometheus text 0.0.4: `# HELP`/`# TYPE` per family; counters as
/// `<name>_total`; histograms as cumulative `_bucket{le=...}` lines over the
/// family's export bounds then `le="+Inf"` (== `_count`), `_sum`, `_count`.
/// Label values escape `\`, `"` and newline; HELP escapes `\` and newline.
void append_prometheus_text(const RegistrySnapshot& snapshot, std::string& out);
std::string to_prometheus_text(const RegistrySnapshot& snapshot);

/// OpenMetrics 1.0: as above with family names in HELP/TYPE (counter family
/// without `_total`), `# UNIT` after TYPE for a family with a unit, `_created`
/// omitted, terminated by `# EOF`. (Prometheus text 0.0.4 has no unit line.)
void append_openmetrics_text(const RegistrySnapshot& snapshot, std::string& out);
std::string to_openmetrics_text(const RegistrySnapshot& snapshot);

/// JSON: {"schema":"gauntlet.metrics/1","families":[{"name","help","unit","type",
/// "label_names","series":[{"labels":{..}, "value": n} |
/// {"labels":{..},"count","sum","min","max","mean","p50","p95","p99",
/// "rejected","buckets":[{"le":b,"count":cumulative}...]}]}]}. Values that
/// are undefined for an empty histogram (min, max, mean, quantiles) are null.
std::string to_json(const RegistrySnapshot& snapshot, int indent = -1);

}  // namespace gauntlet::metrics
