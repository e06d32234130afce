// The README's "Add property tests to your codebase" snippet, compiled and run.
// Laid out for reading: the README shows it verbatim.
// clang-format off
#include <atomic>
#include <memory>

#include "gauntlet/properties/metrics/suite.h"

struct MyCounter { std::atomic<long> n{0}; };  // your implementation

struct MyMetricsAdapter {
  static constexpr gauntlet::properties::metrics::MetricsCapabilities capabilities() {
    using gauntlet::properties::Group;
    return {.groups = {.counter = Group::kProvided, .gauge = Group::kUnsupported, .histogram = Group::kUnsupported,
                       .quantiles = Group::kUnsupported, .merge = Group::kUnsupported,
                       .exposition = Group::kUnsupported},
            .negative_increment = gauntlet::properties::metrics::NegativeIncrement::kUnsupported,
            .integer_counter = true};
  }
  using Counter = MyCounter;
  static std::unique_ptr<Counter> make_counter() { return std::make_unique<Counter>(); }
  static void counter_add(Counter& c, double v) { c.n += static_cast<long>(v); }
  static double counter_value(Counter& c) { return static_cast<double>(c.n.load()); }
};

GAUNTLET_INSTANTIATE_METRICS_PROPERTIES(MyMetrics, MyMetricsAdapter);
