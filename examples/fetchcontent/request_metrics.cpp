// Records a few request latencies with Gauntlet's metrics and checks the
// Prometheus exposition: proof that gauntlet::harness links as a subproject.
#include <cstdio>
#include <string>

#include "gauntlet/harness/metrics/exposition.h"
#include "gauntlet/harness/metrics/registry.h"

int main() {
  gauntlet::metrics::Registry registry;
  auto requests = registry.counter("requests", "requests served");
  auto latency = registry.histogram("request_seconds", "request latency");
  if (!requests.ok() || !latency.ok()) return 1;
  for (double seconds : {0.010, 0.020, 0.040}) {
    (*requests)->inc();
    (*latency)->record(seconds);
  }
  const std::string text = gauntlet::metrics::to_prometheus_text(registry.snapshot());
  const bool ok =
      text.find("requests_total 3") != std::string::npos && text.find("request_seconds_count 3") != std::string::npos;
  std::printf("%s", text.c_str());
  return ok ? 0 : 1;
}
