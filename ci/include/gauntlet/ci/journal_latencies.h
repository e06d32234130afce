#pragma once
/// Chaos journals as a source for latency budgets: each phase of a run is an
/// operation "<scenario>/<phase>" with the p50/p95/p99 the journal measured.
/// Read as data through the journal record (gauntlet/records/journal.h,
/// `gauntlet.journal/1`); nothing here runs chaos.
#include <string>
#include <string_view>
#include <vector>

#include "gauntlet/harness/error.h"

namespace gauntlet::ci {

/// Tail latencies of one operation, in nanoseconds (NaN when not measured),
/// and its completed requests and throughput.
struct OperationLatency {
  std::string operation;  ///< e.g. "latency_spike/fault"
  double p50_ns = 0;
  double p95_ns = 0;
  double p99_ns = 0;
  double completed = -1;      ///< requests the phase completed; -1 when the journal does not say
  double throughput_rps = 0;  ///< completed per second; NaN when not measured
  std::string source;         ///< the journal it came from
};

/// One entry per measured phase of the journal. Errors: kParseError
/// "<source>:<line>:<col>: ..." for malformed JSON; kSchemaError
/// "<source>: <JSON pointer>: ..." (records::read_journal's) for another
/// schema, a missing scenario or phase name, or a latency that is not a number.
Result<std::vector<OperationLatency>> parse_journal_latencies(std::string_view text, const std::string& source);

/// Reads a journal file (kNotFound when missing).
Result<std::vector<OperationLatency>> read_journal_latencies(const std::string& path);

}  // namespace gauntlet::ci
