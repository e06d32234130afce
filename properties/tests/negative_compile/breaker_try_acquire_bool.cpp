// try_acquire returns bool instead of std::optional<Permit>: one error naming it.
// expect: MyBreakerAdapter: is not a BreakerAdapter: try_acquire(Breaker&) must return std::optional<Permit>
#include <memory>
#include <optional>

#include "gauntlet/properties/breaker/suite.h"

namespace gp = gauntlet::properties::breaker;

struct MyBreaker {
  int state = 0;
};

struct MyBreakerAdapter {
  using Breaker = MyBreaker;
  using Permit = int;
  static gp::BreakerCapabilities capabilities() { return {}; }
  static std::unique_ptr<Breaker> make(const gp::BreakerConfig&, gauntlet::ManualClock&) {
    return std::make_unique<Breaker>();
  }
  static bool try_acquire(Breaker&) { return true; }
  static void complete(Breaker&, Permit&, gp::CallOutcome, gauntlet::Nanos) {}
  static gp::BreakerState state(Breaker&) { return gp::BreakerState::kClosed; }
  static gp::BreakerCounts counts(Breaker&) { return {}; }
  static void force_open(Breaker&) {}
  static void force_closed(Breaker&) {}
};

GAUNTLET_INSTANTIATE_BREAKER_PROPERTIES(Mine, MyBreakerAdapter);
