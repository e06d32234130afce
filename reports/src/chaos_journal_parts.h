#pragma once
// The parts of a chaos journal's view (chaos_journal_view.cpp puts them
// together), each built from the journal record.
#include <vector>

#include "gauntlet/records/journal.h"
#include "gauntlet/reports/chaos_journal.h"

namespace gauntlet::reports::detail {

/// Milliseconds of the record as seconds.
inline double seconds(records::Millis ms) { return ms / 1000.0; }

/// The schedule as labelled fault windows, in the journal's order.
std::vector<FaultWindow> fault_windows(const records::Journal& journal);
/// The phases' stats, each naming the fault windows (`faults`) in force during it.
std::vector<JournalPhaseStats> phase_views(const records::Journal& journal, const std::vector<FaultWindow>& faults);
/// Breaker bands from the breaker transitions, else from the states the
/// timeline sampled; the last band of each breaker runs to `duration_s`.
std::vector<BreakerBand> breaker_bands(const records::Journal& journal, double duration_s);

}  // namespace gauntlet::reports::detail
