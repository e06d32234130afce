#pragma once
/// The `config` part of the chaos journal record: what the scenario asked for
/// (target, load, fault schedule, phases, hypotheses). Part of journal.h.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace gauntlet::records {

/// The one time unit of the journal record: every time and every latency in
/// it is milliseconds, as a double. Times are scenario time (0 = run start).
using Millis = double;

/// The target the run exercised (`config.target`).
struct JournalTarget {
  std::string name;                           ///< e.g. "service_chain/healthy"
  std::string kind;                           ///< "in_process", "process", ...
  std::map<std::string, std::string> config;  ///< the target's own settings
  friend bool operator==(const JournalTarget&, const JournalTarget&) = default;
};

/// Open-loop arrival pattern (`config.load.pattern`). The shape decides which
/// optional fields are present: stepped has step_rps and every; spike
/// peak_rps, start and duration; wave amplitude_rps and period.
struct JournalLoadPattern {
  std::string shape;  ///< "constant", "stepped", "spike" or "wave"
  double rate_rps = 0;
  std::optional<double> step_rps;
  std::optional<Millis> every;
  std::optional<double> peak_rps;
  std::optional<Millis> start;
  std::optional<Millis> duration;
  std::optional<double> amplitude_rps;
  std::optional<Millis> period;
  friend bool operator==(const JournalLoadPattern&, const JournalLoadPattern&) = default;
};

/// How requests were issued (`config.load`): open loop has pattern and
/// connections; closed loop workers, think_time and ops_per_worker.
struct JournalLoad {
  std::string mode;  ///< "open" or "closed"
  std::optional<JournalLoadPattern> pattern;
  std::optional<std::int64_t> connections;
  std::optional<std::int64_t> workers;
  std::optional<Millis> think_time;
  std::optional<std::int64_t> ops_per_worker;  ///< 0: run to the end
  friend bool operator==(const JournalLoad&, const JournalLoad&) = default;
};

/// One fault of the schedule (`config.schedule`), in force over [start, end).
struct JournalFault {
  std::string point;  ///< fault point (or proxy) it was applied at, e.g. "chain.c"
  std::string kind;   ///< "error_rate" or "latency"
  std::string label;  ///< the schedule's own words: "ramp", "outage", "spike", "cascade", ...
  Millis start = 0;
  Millis end = 0;
  Millis ramp = 0;                       ///< rises linearly from 0 to magnitude over this long
  double magnitude = 0;                  ///< error_rate: probability 0..1; latency: added latency in Millis
  std::vector<std::string> observed_at;  ///< cascade: callers expected to see it
  friend bool operator==(const JournalFault&, const JournalFault&) = default;
};

/// One phase the scenario declared (`config.phases`): a named window of
/// scenario time. What was measured in it is its `JournalPhaseStats`.
struct JournalPhase {
  std::string name;
  Millis start = 0;
  Millis end = 0;
  friend bool operator==(const JournalPhase&, const JournalPhase&) = default;
};

/// One hypothesis the scenario declared (`config.hypotheses`).
struct JournalHypothesis {
  std::string kind;       ///< e.g. "recovers_within"
  std::string statement;  ///< its description
  friend bool operator==(const JournalHypothesis&, const JournalHypothesis&) = default;
};

struct JournalConfig {
  JournalTarget target;
  Millis duration = 0;  ///< scenario length; 0 when the journal does not say
  Millis interval = 0;  ///< observer sampling interval
  JournalLoad load;
  std::vector<JournalFault> schedule;
  std::vector<JournalPhase> phases;
  std::vector<JournalHypothesis> hypotheses;
  friend bool operator==(const JournalConfig&, const JournalConfig&) = default;
};

}  // namespace gauntlet::records
