// A group neither provided nor declared unsupported: one error naming it.
// expect: MyMetrics: is not a MetricsAdapter: declare groups.gauge kProvided or kUnsupported
#include <memory>

#include "gauntlet/properties/metrics/suite.h"

struct MyCounter {
  double n = 0;
};

struct MyMetrics {
  static constexpr gauntlet::properties::metrics::MetricsCapabilities capabilities() {
    using gauntlet::properties::Group;
    return {.groups = {.counter = Group::kProvided}};  // gauge, histogram, ... left undeclared
  }
  using Counter = MyCounter;
  static std::unique_ptr<Counter> make_counter() { return std::make_unique<Counter>(); }
  static void counter_add(Counter& c, double v) { c.n += v; }
  static double counter_value(Counter& c) { return c.n; }
};

GAUNTLET_INSTANTIATE_METRICS_PROPERTIES(Mine, MyMetrics);
