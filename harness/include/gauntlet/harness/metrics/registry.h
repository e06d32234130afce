#pragma once
/// Registry: metric families by name. Registration validates names against
/// the Prometheus rules (mapping OpenTelemetry-style names, see naming.h) and
/// is idempotent for an identical shape.
#include "gauntlet/harness/clock.h"
#include "gauntlet/harness/error.h"
#include "gauntlet/harness/metrics/family.h"
#include "gauntlet/harness/metrics/naming.h"
#include "gauntlet/harness/metrics/snapshot.h"

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace gauntlet::metrics {

/// What a family is called and measured in, e.g.
/// `{.name = "flow.execution.duration", .help = "Flow time.", .unit = "s"}`.
struct MetricInfo {
  /// A Prometheus name, or an OpenTelemetry name (with a `.`), mapped as
  /// export_name() says.
  std::string_view name;
  std::string_view help;
  /// UCUM ("s", "By") or a Prometheus unit word ("seconds"); "" for none.
  /// Exported as the OpenMetrics `# UNIT`; a Prometheus name must end with
  /// it, an OpenTelemetry name gets it appended.
  std::string_view unit = {};
};

/// Owns families and their series. Thread-safe. Registering a name again
/// with the same instrument, unit, label names (and histogram options, or
/// meter clock) returns the existing family; a different shape is
/// kAlreadyExists. Invalid metric or label names and a Prometheus name that
/// does not end with its unit are kInvalidArgument. A counter name may end
/// in `_total`: the suffix is dropped from the family name (exposition always
/// writes the sample as `<family>_total`), so `x` and `x_total` are the same
/// counter. Two different names that map to one exported name
/// (`a.b` and `a_b`), or families whose exposed samples would clash (a
/// counter `x` and a gauge `x_total`, a histogram `x` and a gauge
/// `x_count`), are kAlreadyExists naming both.
class Registry {
 public:
  Registry();
  ~Registry();
  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;

  Result<Family<Counter>*> counter_family(const MetricInfo& info, std::vector<std::string> label_names = {});
  Result<Family<Gauge>*> gauge_family(const MetricInfo& info, std::vector<std::string> label_names = {});
  Result<Family<Histogram>*> histogram_family(const MetricInfo& info, std::vector<std::string> label_names = {},
                                              HistogramOptions options = {});
  /// Meters on `clock` (which must outlive the registry), exported as a
  /// counter of their count: `<name>_total`. Their rates stay on the Meter;
  /// a scraper derives its own with `rate()`.
  Result<Family<Meter>*> meter_family(const MetricInfo& info, std::vector<std::string> label_names = {},
                                      const Clock& clock = RealClock::instance());

  /// The same without a unit.
  Result<Family<Counter>*> counter_family(std::string_view name, std::string_view help,
                                          std::vector<std::string> label_names = {});
  Result<Family<Gauge>*> gauge_family(std::string_view name, std::string_view help,
                                      std::vector<std::string> label_names = {});
  Result<Family<Histogram>*> histogram_family(std::string_view name, std::string_view help,
                                              std::vector<std::string> label_names = {}, HistogramOptions options = {});
  Result<Family<Meter>*> meter_family(std::string_view name, std::string_view help,
                                      std::vector<std::string> label_names = {},
                                      const Clock& clock = RealClock::instance());

  /// Unlabelled series: the family (created or matched as above) `.with({})`.
  Result<Counter*> counter(std::string_view name, std::string_view help);
  Result<Gauge*> gauge(std::string_view name, std::string_view help);
  Result<Histogram*> histogram(std::string_view name, std::string_view help, HistogramOptions options = {});
  Result<Meter*> meter(std::string_view name, std::string_view help, const Clock& clock = RealClock::instance());

  /// A copy of every family, in name order; each histogram series snapshot
  /// is consistent on its own.
  RegistrySnapshot snapshot() const;

 private:
  struct Entry;
  /// What was asked for: the instrument and everything that must match when
  /// the same name is registered again.
  struct Shape;
  Result<detail::FamilyBase*> find_or_add(
      const MetricInfo& info, Shape& shape,
      const std::function<std::unique_ptr<detail::FamilyBase>(const ExportName&)>& make);

  mutable std::mutex mutex_;
  std::map<std::string, std::unique_ptr<Entry>, std::less<>> families_;
};

}  // namespace gauntlet::metrics
