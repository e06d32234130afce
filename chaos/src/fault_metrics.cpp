#include "gauntlet/chaos/fault_metrics.h"

namespace gauntlet::chaos {
namespace {

// Raises `family{point}` to `target` (never lowers it).
Status raise(metrics::Family<metrics::Counter>& family, const std::string& point, std::uint64_t target) {
  auto counter = family.with({{"point", point}});
  if (!counter.ok()) return counter.error();
  const std::uint64_t now = (*counter)->value();
  if (target > now) (*counter)->inc(target - now);
  return {};
}

}  // namespace

Status export_fault_metrics(const FaultRegistry& faults, metrics::Registry& metrics) {
  auto hits = metrics.counter_family("gauntlet_fault_hits", "Fault point evaluations while armed.", {"point"});
  if (!hits.ok()) return hits.error();
  auto fires =
      metrics.counter_family("gauntlet_fault_fires", "Fault point evaluations that injected a fault.", {"point"});
  if (!fires.ok()) return fires.error();
  for (const FaultPointStats& s : faults.stats()) {
    if (Status st = raise(**hits, s.point, s.hits); !st) return st;
    if (Status st = raise(**fires, s.point, s.fires); !st) return st;
  }
  return {};
}

}  // namespace gauntlet::chaos
