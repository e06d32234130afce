#pragma once
/// The alerts file of `gauntlet rules`: where each budget operation's
/// latency histogram lives, the throughput and activity floors, the circuit
/// breakers with their configuration and recovery SLA, and per-alert `for`
/// and severity. docs/rules.md describes every field.
#include "gauntlet/harness/breaker/config.h"
#include "gauntlet/harness/error.h"

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace gauntlet::ci::rules {

/// Label name and value pairs of a PromQL selector, in the order given.
using Matchers = std::vector<std::pair<std::string, std::string>>;

/// A latency histogram as exported: the family name (OpenTelemetry names
/// already mapped, see metrics::export_name), its time unit and the factor
/// from a budget's nanoseconds to that unit.
struct HistogramRef {
  std::string metric;         ///< e.g. "miniminimoon_pipeline_latency_seconds"
  std::string unit;           ///< "seconds", "milliseconds", "microseconds" or "nanoseconds"
  double per_nanosecond = 0;  ///< 1e-9 for seconds
};

/// An operation whose histogram does not follow the default rule.
struct OperationOverride {
  HistogramRef histogram;
  Matchers matchers;  ///< may be empty: a histogram of its own
  std::string where;  ///< "<file>:<line>:<col>" of the entry, for messages
};

/// The rule: operation `op` is `<metric>{<label>="op"}`, unless overridden.
struct LatencyMapping {
  HistogramRef histogram;
  std::string label;
  std::map<std::string, OperationOverride> overrides;  ///< by operation name
};

/// One circuit breaker: its name (the `breaker` label of the exported
/// metrics), its configuration (checked by BreakerConfig::validate) and the
/// longest acceptable recovery, if any.
struct BreakerEntry {
  std::string name;
  breaker::BreakerConfig config;
  std::optional<double> recovery_sla_s;
  std::string where;  ///< "<file>:<line>:<col>" of the breaker's name
};

/// `for` and severity of one alert.
struct AlertSettings {
  std::string for_duration;  ///< a Prometheus duration, "0s" for none
  std::string severity;
};

struct AlertsConfig {
  std::string source;         ///< the path read, for messages
  std::string window = "5m";  ///< rate() window of quantiles and throughput
  std::optional<LatencyMapping> latency;
  std::string latency_where;                 ///< where a latency mapping was needed but absent
  std::optional<double> min_throughput_rps;  ///< LowThroughput only when set
  std::optional<std::string> idle;           ///< NoActivity only when set
  std::vector<BreakerEntry> breakers;        ///< in file order
  /// Every alert's settings: defaults (docs/rules.md) with the file's
  /// `alerts:` entries applied.
  std::map<std::string, AlertSettings> alerts;
};

/// The alert names `gauntlet rules` writes, in output order.
const std::vector<std::string>& alert_names();

/// Parses YAML (or JSON) text. Errors, each one line
/// "<source>:<line>:<col>: <field>: <what>": kParseError for malformed or too
/// deeply nested text; kSchemaError for unknown or repeated keys, wrong
/// types, numbers out of range, bad durations, metric or label names, a
/// latency histogram without a time unit, a breaker configuration that
/// BreakerConfig::validate refuses (its message), text that is not UTF-8.
Result<AlertsConfig> parse_alerts_config(const std::string& text, const std::string& source);

/// Reads the file through gauntlet::read_input_file (kNotFound,
/// kInvalidArgument, kOutOfRange as it documents), then parse_alerts_config.
Result<AlertsConfig> read_alerts_config(const std::string& path);

}  // namespace gauntlet::ci::rules
