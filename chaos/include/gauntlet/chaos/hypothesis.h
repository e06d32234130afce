#pragma once
/// Hypotheses a scenario states about its run, each checked into a Verdict
/// with evidence.
#include <cstdint>
#include <functional>
#include <string>

#include "gauntlet/chaos/run_record.h"
#include "gauntlet/chaos/schedule.h"

namespace gauntlet::chaos {

enum class HypothesisKind {
  kLatencyBelow,        ///< corrected latency quantile of a phase below a limit
  kErrorRateBelow,      ///< error rate of a phase below a limit
  kBreakerOpensWithin,  ///< breaker opens within T of the first fault starting
  kRecoversWithin,      ///< breaker closed and error rate back to steady within T of the last fault ending
  kConservation,        ///< issued == succeeded + failed + rejected + not sent
  kCustom,              ///< a predicate over the run record
  kThroughputAbove,     ///< completed requests per second of a phase at least a floor
  kStatusCount,         ///< completions of a phase with a status (or class) within [min, max]
  kIdleBelow,           ///< no stretch of a phase without a completion as long as a limit
  kMemoryBelow,         ///< a target process's peak resident memory below a limit
  kMemoryGrowthBelow,   ///< a target process's resident memory grew by less than a limit
  kMinQuality,          ///< a phase's sample quality at least a grade
};
std::string_view to_string(HypothesisKind kind) noexcept;

struct Hypothesis {
  HypothesisKind kind = HypothesisKind::kConservation;
  std::string phase;                                   ///< latency / error-rate hypotheses
  double quantile = 0.99;                              ///< latency
  Nanos limit_ns = 0;                                  ///< latency limit, or T for breaker/recovery
  double max_rate = 0;                                 ///< error rate limit
  std::string breaker;                                 ///< breaker hypotheses; recovery may leave it empty
  double tolerance = 0.02;                             ///< recovery: error rate may exceed steady by this much
  std::string steady_phase = "steady";                 ///< recovery: the reference phase
  std::string name;                                    ///< custom
  std::function<Verdict(const RunRecord&)> predicate;  ///< custom
  double min_rps = 0;                                  ///< throughput floor
  int status_lo = 0;  ///< status count: codes [status_lo, status_hi] ("5xx" is 500..599)
  int status_hi = 0;
  std::int64_t min_count = -1;    ///< status count: at least this many (-1: no floor)
  std::int64_t max_count = -1;    ///< status count: at most this many (-1: no ceiling)
  std::uint64_t min_samples = 0;  ///< latency: fewer completions than this fail the verdict (0: any)
  std::string process;            ///< memory: the target process (counters "<process>.memory_*_bytes")
  std::uint64_t max_bytes = 0;    ///< memory limit
  SampleQuality min_quality = SampleQuality::kFair;  ///< quality

  static Hypothesis latency_below(std::string phase, double quantile, Nanos limit);
  static Hypothesis error_rate_below(std::string phase, double max_rate);
  static Hypothesis breaker_opens_within(std::string breaker, Nanos within);
  static Hypothesis recovers_within(std::string breaker, Nanos within, double tolerance = 0.02);
  static Hypothesis conservation();
  static Hypothesis custom(std::string name, std::function<Verdict(const RunRecord&)> predicate);
  static Hypothesis throughput_above(std::string phase, double min_rps);
  /// Codes in [lo, hi] (lo == hi for one status); min/max -1 for no bound.
  static Hypothesis status_count(std::string phase, int lo, int hi, std::int64_t min, std::int64_t max);
  /// Measured on observer intervals: the longest run of intervals without a completion.
  static Hypothesis idle_below(std::string phase, Nanos limit);
  /// Peak resident memory of `process` (its group) below `max_bytes`.
  static Hypothesis memory_below(std::string process, std::uint64_t max_bytes);
  /// Resident memory of `process` grew by less than `max_bytes` over the run.
  static Hypothesis memory_growth_below(std::string process, std::uint64_t max_bytes);
  /// The phase's latency figures stand on enough samples (see SampleQuality).
  static Hypothesis quality_at_least(std::string phase, SampleQuality min);

  /// Human-readable statement, e.g. "fault: latency p99 < 200 ms".
  std::string describe() const;
};

/// Checks `h` against a finished run whose faults followed `schedule`.
Verdict check(const Hypothesis& h, const RunRecord& run, const FaultSchedule& schedule);

}  // namespace gauntlet::chaos
