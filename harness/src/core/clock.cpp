#include "gauntlet/harness/clock.h"

namespace gauntlet {

Nanos RealClock::wall_ns() const noexcept {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

RealClock& RealClock::instance() noexcept {
  static RealClock clock;
  return clock;
}

}  // namespace gauntlet
