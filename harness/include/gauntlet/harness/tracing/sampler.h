#pragma once
/// Head sampling for root spans (children inherit their parent's decision).
#include "gauntlet/harness/tracing/ids.h"

#include <cstdint>

namespace gauntlet::tracing {

/// Decides whether a new trace is sampled, from its trace id alone, the way
/// OpenTelemetry's TraceIdRatioBased does: the low 63 bits of the id's lower
/// half are compared with ratio * 2^63, so every service with the same ratio
/// makes the same decision for a trace.
class Sampler {
 public:
  /// Samples every trace.
  static Sampler always_on() noexcept { return Sampler(kAll); }
  /// Samples no trace.
  static Sampler always_off() noexcept { return Sampler(0); }
  /// Samples a fraction `ratio` of trace ids; values outside [0, 1] are clamped.
  static Sampler ratio(double ratio) noexcept;

  bool should_sample(const TraceId& trace_id) const noexcept { return (trace_id.low >> 1) < threshold_; }
  /// The configured fraction in [0, 1].
  double ratio() const noexcept;

 private:
  static constexpr std::uint64_t kAll = std::uint64_t{1} << 63;
  explicit Sampler(std::uint64_t threshold) noexcept : threshold_(threshold) {}
  std::uint64_t threshold_;
};

}  // namespace gauntlet::tracing
