#pragma once
/// Load: arrival-rate patterns (constant, stepped, spike, wave) for open-loop
/// runs, and the loop mode (open with a connection limit, or closed with N
/// workers).
#include <cstdint>
#include <string>

#include "gauntlet/harness/clock.h"
#include "gauntlet/harness/error.h"

namespace gauntlet::chaos {

enum class LoadShape { kConstant, kStepped, kSpike, kWave };
std::string_view to_string(LoadShape shape) noexcept;

/// Requests per second as a function of scenario time.
struct LoadPattern {
  LoadShape shape = LoadShape::kConstant;
  double rate = 100;               ///< base rate (req/s)
  double step = 0;                 ///< stepped: added every `period`
  double peak = 0;                 ///< spike: rate during [start, start+duration); wave: amplitude
  Nanos start = 0;                 ///< spike start
  Nanos duration = 0;              ///< spike duration
  Nanos period = kNanosPerSecond;  ///< stepped step length; wave period

  static LoadPattern constant(double rps);
  static LoadPattern stepped(double start_rps, double step_rps, Nanos every);
  static LoadPattern spike(double base_rps, double peak_rps, Nanos start, Nanos duration);
  static LoadPattern wave(double mean_rps, double amplitude_rps, Nanos period);

  /// Rate at `t`, never below 0.
  double rate_at(Nanos t) const noexcept;
  /// kInvalidArgument for negative rates or non-positive periods.
  Status validate() const;
};

enum class LoopMode { kOpen, kClosed };

/// How requests are issued.
struct LoadSpec {
  LoopMode mode = LoopMode::kOpen;
  LoadPattern pattern;                ///< open loop: intended send times follow this rate
  int connections = 64;               ///< open loop: most requests in flight; a send that finds
                                      ///< none free waits and is measured from its intended time
  int workers = 8;                    ///< closed loop: each issues its next request when one completes
  Nanos think_time = 0;               ///< closed loop: pause between a worker's requests
  std::int64_t ops_per_worker = 0;    ///< closed loop: stop after this many (0: run to the end)
  Nanos late_after = kNanosPerMilli;  ///< a send more than this behind its intended time is "late"
};

}  // namespace gauntlet::chaos
