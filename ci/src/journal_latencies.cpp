// Chaos journals as budget operations, read through the journal record
// (gauntlet/records/journal.h): each measured phase's latencies, recorded in
// milliseconds, become the nanoseconds the gate compares.
#include "gauntlet/ci/journal_latencies.h"

#include <cmath>

#include "gauntlet/harness/input_file.h"
#include "gauntlet/records/journal.h"

namespace gauntlet::ci {
namespace {

double nanos(records::Millis ms) { return ms * 1e6; }

}  // namespace

Result<std::vector<OperationLatency>> parse_journal_latencies(std::string_view text, const std::string& source) {
  Result<records::Journal> journal = records::read_journal_text(text, source);
  if (!journal.ok()) return journal.error();
  // Operations are named "<scenario>/<phase>": a journal without a scenario name names none.
  if (journal->scenario.empty()) return Error(ErrorCode::kSchemaError, source + ": /scenario: expected a name");
  std::vector<OperationLatency> out;
  out.reserve(journal->phases.size());
  for (const records::JournalPhaseStats& phase : journal->phases) {
    OperationLatency op;
    op.operation = journal->scenario + "/" + phase.name;
    op.source = source;
    op.p50_ns = nanos(phase.p50);
    op.p95_ns = nanos(phase.p95);
    op.p99_ns = nanos(phase.p99);
    op.completed = phase.completed ? static_cast<double>(*phase.completed) : -1.0;
    op.throughput_rps = phase.throughput_rps;
    out.push_back(std::move(op));
  }
  return out;
}

Result<std::vector<OperationLatency>> read_journal_latencies(const std::string& path) {
  auto text = read_input_file(path, "chaos journal");
  if (!text.ok()) return text.error();
  return parse_journal_latencies(*text, path);
}

}  // namespace gauntlet::ci
