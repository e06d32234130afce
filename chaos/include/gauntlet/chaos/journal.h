#pragma once
/// The journal: one versioned JSON document per run ("schema":
/// "gauntlet.journal/1", documented in docs/chaos.md) with the seed, the
/// configuration, the timeline, breaker transitions, fault activity, totals,
/// per-phase statistics and verdicts. Virtual-time journals contain no wall
/// time, so the same seed gives the same bytes.
#include <string>
#include <string_view>

#include "gauntlet/chaos/run_record.h"
#include "gauntlet/chaos/scenario.h"
#include "gauntlet/harness/error.h"

namespace gauntlet::chaos {

inline constexpr std::string_view kJournalSchema = "gauntlet.journal/1";

/// The journal text (pretty-printed JSON, trailing newline).
std::string journal_json(const Scenario& scenario, const RunRecord& run);

/// Writes `text` to `path` through a temporary file and a rename; kIoError
/// naming the path when that fails.
Status write_text_file(const std::string& path, std::string_view text);

}  // namespace gauntlet::chaos
