#pragma once
/// What reports show of a chaos journal: a view of the journal record
/// (gauntlet/records/journal.h, `gauntlet.journal/1`) with times in seconds
/// for display: the time series, breaker states, the fault windows of the
/// schedule, the stats of the scenario's phases and the verdicts of its hypotheses.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gauntlet/records/journal.h"

namespace gauntlet::reports {

/// One point of the run's time series; times are seconds from the start.
struct JournalSample {
  double t_s = 0;
  double throughput_rps = 0;  ///< completed requests per second
  double error_rate = 0;      ///< failed / all, 0..1
  double p50_ms = 0;
  double p95_ms = 0;
  double p99_ms = 0;
};

/// A breaker state held from `start_s` to `end_s` ("closed", "open", "half_open").
struct BreakerBand {
  std::string breaker;
  std::string state;
  double start_s = 0;
  double end_s = 0;
};

/// One entry of the journal's fault schedule: what was injected, where, and
/// from `start_s` to `end_s` (seconds of scenario time).
struct FaultWindow {
  std::string label;   ///< the schedule's own words, e.g. "latency 300 ms on proxy backend (downstream)"
  std::string point;   ///< fault point (or proxy) the fault was applied at
  std::string effect;  ///< kind and size, e.g. "latency 300 ms", "error rate 100%"
  double start_s = 0;
  double end_s = 0;
};

/// An HTTP (or other protocol) status code and how many completions had it.
using StatusCount = std::pair<std::string, std::uint64_t>;

/// The stats of one of the scenario's phases (the journal's `phases`), with
/// the phase's name and window and the fault windows in force during it.
struct JournalPhaseStats {
  std::string name;
  std::string faults;  ///< labels of the fault windows in force during the phase, "; "-joined; "" when none
  double start_s = 0;
  double end_s = 0;
  std::uint64_t completed = 0;  ///< requests completed in the phase (succeeded, failed or rejected)
  std::uint64_t failed = 0;
  std::uint64_t rejected = 0;
  double throughput_rps = 0;  ///< the journal's value, else completed / phase length
  double error_rate = 0;      ///< (failed + rejected) / completed, 0..1; 0 when not measured
  double p50_ms = 0, p95_ms = 0, p99_ms = 0, max_ms = 0;  ///< 0 when not measured
  std::vector<StatusCount> status_counts{};               ///< by code, ascending; empty when the target reports none
  std::string quality;                     ///< "poor", "fair", "good", "none"; "" when the journal has none
  double p99_low_ms = 0, p99_high_ms = 0;  ///< the p99's 95% interval (0, 0 when absent)
};

/// Hits (evaluations while armed) and fires of one fault point over the run.
struct FaultActivity {
  std::string point;
  std::uint64_t hits = 0;
  std::uint64_t fires = 0;
};

/// A hypothesis checked against the run.
struct Hypothesis {
  std::string name;  ///< the statement, plus " [phase]" when it is about one phase
  bool held = false;
  std::string evidence;
  std::string statement{};  ///< the statement alone
  std::string phase{};      ///< the phase it is about; "" for the whole run
};

struct ChaosJournal {
  std::string scenario;
  std::uint64_t seed = 0;
  std::string replay;     ///< command that re-runs this scenario with this seed
  bool passed = false;    ///< every hypothesis held
  double duration_s = 0;  ///< scenario time (`config.duration_ms`)
  std::vector<JournalSample> samples;
  std::vector<BreakerBand> breaker_bands;  ///< empty when the target has no breakers
  std::vector<JournalPhaseStats> phases;   ///< each phase's stats, in order; empty in journals without them
  std::vector<Hypothesis> hypotheses;
  std::string source;                  ///< input file
  std::string time_mode = "virtual";   ///< "virtual" or "real"
  std::optional<double> wall_seconds;  ///< real time only: how long the run took
  std::string target;                  ///< `config.target.name`, e.g. "service_chain/healthy"
  std::vector<FaultWindow> faults;     ///< the schedule, in the journal's order
  std::vector<FaultActivity> fault_activity;
  records::Journal record;  ///< the journal this is a view of, as read

  bool real_time() const { return time_mode == "real"; }
  /// Seconds of real time the run took: `wall_seconds`, else (real-time
  /// journals without it) the scenario's duration; 0 for virtual runs.
  double real_seconds() const;
};

/// The view of `journal`, read from `source`: milliseconds become seconds,
/// the schedule fault windows, the phases' stats keep the scenario's names
/// and order (each naming the fault windows in force), verdicts become hypotheses.
ChaosJournal chaos_journal_view(const records::Journal& journal, std::string_view source);

}  // namespace gauntlet::reports
