#pragma once
// The steps that read one chaos journal (chaos_journal_reader.cpp runs them in
// order); each fills its part of the ChaosJournal or names the bad field.
#include "gauntlet/reports/chaos_journal.h"
#include "json_fields.h"

namespace gauntlet::reports::detail {

/// `key` in milliseconds as seconds; required.
Result<double> seconds(const Fields& f, const char* key);
/// `key` as a number, `fallback` when absent; a value of another type is an error.
Result<double> number_or_absent(const Fields& f, const char* key, double fallback);

/// `config.schedule` into fault windows, and `fault_activity`.
Status read_faults(const Fields& root, ChaosJournal& j);
/// The measured `phases` (after read_faults: each phase names the faults in force).
Status read_phases(const Fields& root, ChaosJournal& j);
/// Breaker bands from `breaker_transitions`, else from the samples' `breakers`.
Status read_breakers(const Fields& root, ChaosJournal& j);

}  // namespace gauntlet::reports::detail
