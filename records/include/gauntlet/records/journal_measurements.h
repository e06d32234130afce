#pragma once
/// What a chaos run measured, as the journal record holds it: the timeline,
/// breaker transitions, fault activity, totals, per-phase statistics and
/// verdicts. Part of journal.h; times and latencies are Millis.
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "gauntlet/records/journal_config.h"

namespace gauntlet::records {

/// A figure the journal does not give (absent or null in the document, or not
/// computed by the writer, which writes it as null).
inline constexpr double kNotMeasured = std::numeric_limits<double>::quiet_NaN();

/// One observer interval [t - interval, t) (`timeline`).
struct JournalSample {
  Millis t = 0;
  std::string phase;
  std::uint64_t completed = 0;  ///< succeeded + failed + rejected in the interval
  std::uint64_t failed = 0;
  std::uint64_t rejected = 0;
  double throughput_rps = 0;                         ///< completed per second
  double error_rate = 0;                             ///< (failed + rejected) / completed, 0..1
  Millis p50 = 0, p95 = 0, p99 = 0;                  ///< corrected latency (from the intended send time)
  std::map<std::string, std::string> breakers;       ///< breaker -> state ("CLOSED", "OPEN", ...)
  std::map<std::string, std::uint64_t> fault_fires;  ///< fires in the interval, per point
  friend bool operator==(const JournalSample&, const JournalSample&) = default;
};

/// A breaker changing state (`breaker_transitions`).
struct JournalBreakerTransition {
  Millis t = 0;
  std::string breaker;
  std::string from;  ///< "" when the journal does not say
  std::string to;
  friend bool operator==(const JournalBreakerTransition&, const JournalBreakerTransition&) = default;
};

/// Hits (evaluations while armed) and fires of one fault point (`fault_activity`).
struct JournalFaultActivity {
  std::string point;
  std::uint64_t hits = 0;
  std::uint64_t fires = 0;
  friend bool operator==(const JournalFaultActivity&, const JournalFaultActivity&) = default;
};

/// Request accounting (`totals`): issued == succeeded + failed + rejected + not_sent.
struct JournalTotals {
  std::uint64_t issued = 0;
  std::uint64_t succeeded = 0;
  std::uint64_t failed = 0;
  std::uint64_t rejected = 0;
  std::uint64_t not_sent = 0;
  std::uint64_t late = 0;
  friend bool operator==(const JournalTotals&, const JournalTotals&) = default;
};

/// A quantile's distribution-free 95% interval, low <= high.
struct MillisInterval {
  Millis low = 0;
  Millis high = 0;
  friend bool operator==(const MillisInterval&, const MillisInterval&) = default;
};

/// The stats of one of the scenario's phases (`phases`): aggregates by completion
/// time. Figures older or hand-written journals lack are nullopt (counts,
/// intervals), kNotMeasured (rates, latencies) or "" (quality).
struct JournalPhaseStats {
  std::string name;
  Millis start = 0;
  Millis end = 0;
  std::optional<std::uint64_t> completed;
  std::optional<std::uint64_t> failed;
  std::optional<std::uint64_t> rejected;
  double error_rate = kNotMeasured;  ///< (failed + rejected) / completed, 0..1
  Millis p50 = kNotMeasured, p95 = kNotMeasured, p99 = kNotMeasured, max = kNotMeasured;  ///< corrected latency
  Millis service_p99 = kNotMeasured;     ///< uncorrected (from the actual send)
  double throughput_rps = kNotMeasured;  ///< completed per second of the phase
  /// Protocol status codes as written ("200", "503") and their counts; empty
  /// when the target reports none.
  std::map<std::string, std::uint64_t> status_counts;
  std::optional<MillisInterval> p50_interval, p95_interval, p99_interval;
  std::string quality;  ///< "none", "poor", "fair" or "good"
  friend bool operator==(const JournalPhaseStats&, const JournalPhaseStats&) = default;
};

/// A hypothesis's outcome (`verdicts`).
struct JournalVerdict {
  std::string hypothesis;  ///< its statement, e.g. "latency p99 < 200 ms"
  std::string phase;       ///< "" for whole-run hypotheses
  bool holds = false;
  double measured = kNotMeasured;  ///< in the hypothesis's own unit
  double threshold = kNotMeasured;
  std::string evidence;  ///< one line
  friend bool operator==(const JournalVerdict&, const JournalVerdict&) = default;
};

}  // namespace gauntlet::records
