#pragma once
/// Registry: metric families by name. Registration validates names against
/// the Prometheus rules and is idempotent for an identical shape.
#include "gauntlet/harness/error.h"
#include "gauntlet/harness/metrics/family.h"
#include "gauntlet/harness/metrics/snapshot.h"

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace gauntlet::metrics {

/// Owns families and their series. Thread-safe. Registering a name again
/// with the same type, label names (and histogram options) returns the
/// existing family; a different shape is kAlreadyExists. Invalid metric or
/// label names are kInvalidArgument. A counter name may end in `_total`: the
/// suffix is dropped from the family name (exposition always writes the
/// sample as `<family>_total`), so `x` and `x_total` are the same counter.
class Registry {
 public:
  Registry();
  ~Registry();
  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;

  Result<Family<Counter>*> counter_family(std::string_view name, std::string_view help,
                                          std::vector<std::string> label_names = {});
  Result<Family<Gauge>*> gauge_family(std::string_view name, std::string_view help,
                                      std::vector<std::string> label_names = {});
  Result<Family<Histogram>*> histogram_family(std::string_view name, std::string_view help,
                                              std::vector<std::string> label_names = {},
                                              HistogramOptions options = {});

  /// Unlabelled series: the family (created or matched as above) `.with({})`.
  Result<Counter*> counter(std::string_view name, std::string_view help);
  Result<Gauge*> gauge(std::string_view name, std::string_view help);
  Result<Histogram*> histogram(std::string_view name, std::string_view help, HistogramOptions options = {});

  /// A copy of every family, in name order; each histogram series snapshot
  /// is consistent on its own.
  RegistrySnapshot snapshot() const;

 private:
  struct Entry;
  Result<detail::FamilyBase*> find_or_add(std::string name, MetricType type, std::vector<std::string>& label_names,
                                          const HistogramOptions* options,
                                          const std::function<std::unique_ptr<detail::FamilyBase>()>& make);

  mutable std::mutex mutex_;
  std::map<std::string, std::unique_ptr<Entry>, std::less<>> families_;
};

}  // namespace gauntlet::metrics
