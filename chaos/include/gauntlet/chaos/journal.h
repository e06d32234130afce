#pragma once
/// The journal of a run: the chaos journal record (gauntlet/records/journal.h,
/// `gauntlet.journal/1`, docs/chaos.md) filled from the scenario and its run
/// record, and its text. Virtual-time journals contain no wall time, so the
/// same seed gives the same bytes.
#include <string>
#include <string_view>

#include "gauntlet/chaos/run_record.h"
#include "gauntlet/chaos/scenario.h"
#include "gauntlet/harness/error.h"
#include "gauntlet/records/journal.h"

namespace gauntlet::chaos {

/// The journal record of `run` (a run of `scenario`): scenario times and
/// latencies in milliseconds, the wall time only for real-time runs.
records::Journal journal_record(const Scenario& scenario, const RunRecord& run);

/// The journal text (pretty-printed JSON, trailing newline), written by
/// records::journal_json.
std::string journal_json(const Scenario& scenario, const RunRecord& run);

/// Writes `text` to `path` through a temporary file and a rename; kIoError
/// naming the path when that fails.
Status write_text_file(const std::string& path, std::string_view text);

}  // namespace gauntlet::chaos
