#pragma once
/// What reports read from a chaos journal (`"schema": "gauntlet.journal/1"`):
/// the time series, breaker states, fault phases and hypotheses of one run.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "gauntlet/harness/error.h"

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

/// A named phase with faults active from `start_s` to `end_s`.
struct FaultPhase {
  std::string name;
  std::string fault;  ///< what was injected, e.g. "latency 200ms p=0.3"
  double start_s = 0;
  double end_s = 0;
};

/// A hypothesis checked against the run.
struct Hypothesis {
  std::string name;
  bool held = false;
  std::string evidence;
};

struct ChaosJournal {
  std::string scenario;
  std::uint64_t seed = 0;
  std::string replay;  ///< command that re-runs this scenario with this seed
  bool passed = false; ///< every hypothesis held
  double duration_s = 0;
  std::vector<JournalSample> samples;
  std::vector<BreakerBand> breaker_bands;
  std::vector<FaultPhase> phases;
  std::vector<Hypothesis> hypotheses;
  std::string source;  ///< input file
};

/// Reads a parsed `gauntlet.journal/1` document. Errors: kSchemaError naming
/// `source` and the JSON pointer of the offending field.
Result<ChaosJournal> parse_chaos_journal(const nlohmann::json& doc, std::string_view source);

}  // namespace gauntlet::reports
