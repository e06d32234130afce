// make_counter returns shared_ptr instead of unique_ptr: one error naming it.
// expect: MyMetrics: counter group: make_counter() must return std::unique_ptr<Counter>
#include <memory>

#include "gauntlet/properties/metrics/suite.h"

struct MyCounter {
  double n = 0;
};

struct MyMetrics {
  static constexpr gauntlet::properties::metrics::MetricsCapabilities capabilities() {
    using gauntlet::properties::Group;
    return {.groups = {.counter = Group::kProvided,
                       .gauge = Group::kUnsupported,
                       .histogram = Group::kUnsupported,
                       .quantiles = Group::kUnsupported,
                       .merge = Group::kUnsupported,
                       .exposition = Group::kUnsupported}};
  }
  using Counter = MyCounter;
  static std::shared_ptr<Counter> make_counter() { return std::make_shared<Counter>(); }
  static void counter_add(Counter& c, double v) { c.n += v; }
  static double counter_value(Counter& c) { return c.n; }
};

GAUNTLET_INSTANTIATE_METRICS_PROPERTIES(Mine, MyMetrics);
