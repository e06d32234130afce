#pragma once
/// The plain-data result of one scenario run: timeline, breaker transitions,
/// fault activity, totals, per-phase statistics and verdicts. `journal.h`
/// turns it into the versioned JSON document.
#include <cstdint>
#include <map>
#include <string_view>
#include <string>
#include <vector>

#include "gauntlet/chaos/fault_registry.h"
#include "gauntlet/chaos/target.h"
#include "gauntlet/chaos/verdict.h"
#include "gauntlet/harness/clock.h"

namespace gauntlet::chaos {

/// One observer interval [t - interval, t).
struct Sample {
  Nanos t = 0;
  std::string phase;
  std::uint64_t completed = 0;  ///< succeeded + failed + rejected in the interval
  std::uint64_t failed = 0;
  std::uint64_t rejected = 0;
  double throughput_rps = 0;                 ///< completed per second
  double error_rate = 0;                     ///< (failed + rejected) / completed; 0 when none completed
  Nanos p50_ns = 0, p95_ns = 0, p99_ns = 0;  ///< corrected latency (from intended send time)
  std::vector<BreakerState> breakers;
  std::map<std::string, std::uint64_t> fault_fires;  ///< fires in the interval, per point
};

/// Request accounting. Conservation: issued == succeeded + failed + rejected + not_sent.
struct Totals {
  std::uint64_t issued = 0;  ///< intended sends (open loop) or sends (closed loop)
  std::uint64_t succeeded = 0;
  std::uint64_t failed = 0;
  std::uint64_t rejected = 0;
  std::uint64_t not_sent = 0;  ///< intended but never sent before the run ended
  std::uint64_t late = 0;      ///< sent more than LoadSpec::late_after behind schedule
};

/// A latency quantile with its distribution-free 95% interval (order
/// statistics of the binomial; no assumption about the latency's shape).
struct QuantileEstimate {
  Nanos value = 0;
  Nanos low = 0;   ///< lower bound; 0 when the phase had no completion
  Nanos high = 0;  ///< upper bound; the maximum when too few samples bound it
};

/// How far a phase's latency figures can be trusted, from its sample count and
/// the width of its p99 interval (thresholds in docs/chaos.md).
enum class SampleQuality { kNone, kPoor, kFair, kGood };
std::string_view to_string(SampleQuality quality) noexcept;

/// A phase's stats: aggregates over the requests that completed in it.
struct PhaseStats {
  std::string phase;  ///< the phase's name
  Nanos start = 0, end = 0;
  std::uint64_t completed = 0, failed = 0, rejected = 0;
  double error_rate = 0;
  Nanos p50_ns = 0, p95_ns = 0, p99_ns = 0, max_ns = 0;  ///< corrected latency
  Nanos service_p99_ns = 0;                              ///< uncorrected (from actual send)
  double throughput_rps = 0;                             ///< completed per second of the phase
  /// Protocol status codes of the phase's completions (HTTP status; only
  /// targets that report codes fill it).
  std::map<int, std::uint64_t> status_counts;
  QuantileEstimate p50, p95, p99;  ///< the corrected quantiles above, with intervals
  SampleQuality quality = SampleQuality::kNone;
};

struct RunRecord {
  std::string scenario;
  std::uint64_t seed = 0;
  TimeMode mode = TimeMode::kVirtual;
  Nanos duration = 0;
  Nanos interval = 0;
  std::vector<Sample> timeline;
  std::vector<BreakerTransition> transitions;
  std::vector<FaultPointStats> fault_activity;
  Totals totals;
  std::vector<PhaseStats> phases;  ///< each phase's stats, in the scenario's order
  std::string target_kind;
  std::map<std::string, std::string> target_config;
  std::map<std::string, double> target_counters;
  std::string replay;  ///< command that replays this run
  /// The target's own verdicts (steady-state probes) first, then one per hypothesis.
  std::vector<Verdict> verdicts;
  double wall_seconds = 0;  ///< real time only (kept out of virtual journals)

  bool passed() const;
  /// The stats of the phase named `name`; nullptr when there is none.
  const PhaseStats* phase(const std::string& name) const;
};

}  // namespace gauntlet::chaos
