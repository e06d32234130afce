#include "gauntlet/harness/tracing/sampler.h"

#include <cmath>

namespace gauntlet::tracing {

Sampler Sampler::ratio(double ratio) noexcept {
  if (!(ratio > 0.0)) return always_off();  // also catches NaN
  if (ratio >= 1.0) return always_on();
  return Sampler(static_cast<std::uint64_t>(std::ldexp(ratio, 63)));
}

double Sampler::ratio() const noexcept { return std::ldexp(static_cast<double>(threshold_), -63); }

}  // namespace gauntlet::tracing
