#pragma once
/// The chaos journal record (`gauntlet.journal/1`, docs/chaos.md): one
/// document per scenario run with the seed, the configuration, the timeline,
/// breaker transitions, fault activity, totals, per-phase statistics and
/// verdicts. Chaos fills a Journal and writes it with journal_json; every
/// reader reads it with read_journal.
///
/// Units: every time and latency in the record is Millis (milliseconds, as a
/// double), as in the document, whose keys end in `_ms`; the one key in other
/// units is `wall_seconds`, which the writer and reader convert.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "gauntlet/harness/error.h"
#include "gauntlet/records/journal_config.h"
#include "gauntlet/records/journal_measurements.h"

namespace gauntlet::records {

inline constexpr std::string_view kJournalSchema = "gauntlet.journal/1";

struct Journal {
  std::string scenario;
  std::string description;
  std::uint64_t seed = 0;
  std::string time_mode = "virtual";  ///< "virtual" or "real"
  std::string replay;                 ///< command that re-runs this scenario with this seed
  bool passed = false;                ///< every verdict holds
  JournalConfig config;
  std::vector<JournalSample> timeline;
  std::vector<JournalBreakerTransition> breaker_transitions;
  std::vector<JournalFaultActivity> fault_activity;
  JournalTotals totals;
  std::vector<JournalPhaseStats> phases;   ///< each phase's stats, in the scenario's order
  std::map<std::string, double> counters;  ///< target counters used by custom hypotheses
  /// The target's own verdicts (steady-state probes) first, then one per hypothesis.
  std::vector<JournalVerdict> verdicts;
  /// Real time only: how long the run took (`wall_seconds`). Virtual-time
  /// journals hold no wall time, so the same seed gives the same bytes.
  std::optional<Millis> wall_time;
  friend bool operator==(const Journal&, const Journal&) = default;
};

/// The document: pretty-printed JSON (two-space indent, keys in order),
/// ill-formed UTF-8 in names replaced, and a trailing newline.
std::string journal_json(const Journal& journal);

/// Reads a parsed journal document from `source` (a file name, for errors).
/// Required: `schema` == kJournalSchema and `scenario`; in each list entry its
/// identity (a phase's name; a fault's point, start_ms and end_ms; a
/// transition's t_ms, breaker and to; a verdict's hypothesis and holds; a
/// fault_activity point) and each timeline sample's t_ms, throughput_rps,
/// error_rate and quantiles. Other keys take the defaults above when absent
/// or null; unknown keys are ignored.
/// Errors, all kSchemaError:
///  - "<source>: /schema: expected \"gauntlet.journal/1\", got ..." for
///    another version, a schema that is not a string, or none;
///  - "<source>: <JSON pointer>: ..." for a missing or mistyped field.
Result<Journal> read_journal(const nlohmann::json& doc, std::string_view source);

/// Parses `text` (parse_json_document's kParseError "<source>:<line>:<col>:
/// ...") and reads it as above.
Result<Journal> read_journal_text(std::string_view text, std::string_view source);

}  // namespace gauntlet::records
