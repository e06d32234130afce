#pragma once
// Chaos-journal values as text, shared by the HTML and Markdown writers so both
// say the same thing. Plain text: callers escape for their format.
#include <string>
#include <vector>

#include "gauntlet/reports/report.h"

namespace gauntlet::reports::detail {

/// "5.0–9.0" (seconds; two decimals where one would round).
std::string seconds_range(double start_s, double end_s);
/// "12.4", "0.35", "312": milliseconds with three significant digits or so.
std::string milliseconds(double ms);
/// "0.21%" for 0.0021.
std::string percent(double ratio);
/// "200×1200 503×14"; "" when there are none.
std::string status_counts_text(const std::vector<StatusCount>& counts);
/// "14.02 s real time" or "60.0 s of virtual time".
std::string run_time_text(const ChaosJournal& j);

/// Verdicts about measured phase `phase` of `j`.
std::vector<const Hypothesis*> phase_verdicts(const ChaosJournal& j, const std::string& phase);
/// Verdicts about the whole run, or about a phase the journal has no measured row for.
std::vector<const Hypothesis*> other_verdicts(const ChaosJournal& j);
/// True when some phase has status counts (the column is shown).
bool has_status_counts(const ChaosJournal& j);
/// Whether any phase carries a sample-quality grade.
bool has_quality(const ChaosJournal& j);
/// "fair (p99 2.10–60.0)": the grade and the p99's interval in ms; "" when absent.
std::string quality_text(const JournalPhaseStats& p);
/// True when some hypothesis is about a measured phase (the column is shown).
bool has_phase_verdicts(const ChaosJournal& j);

/// What was run, for the report's header: real seconds (tests plus real-time
/// chaos runs) and seconds of virtual time (virtual chaos runs).
struct RunDuration {
  double tests_s = 0;
  double chaos_real_s = 0;
  double virtual_s = 0;
  bool anything = false;  ///< some test or journal was read
};
RunDuration run_duration(const Report& report);
/// The header's value ("14.02 s", or "60.0 s" of virtual time when nothing ran in real time).
std::string duration_value(const RunDuration& d);
/// The header's detail ("tests 0.42 s · chaos 14.02 s · 60.0 s of virtual time").
std::string duration_detail(const RunDuration& d);

}  // namespace gauntlet::reports::detail
