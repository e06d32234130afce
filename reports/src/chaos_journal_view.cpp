// The view reports show of a chaos journal, built from the journal record
// (gauntlet/records/journal.h): times in seconds, the schedule as fault
// windows, verdicts as hypotheses.
#include "chaos_journal_parts.h"

namespace gauntlet::reports {
namespace {

std::vector<JournalSample> samples(const records::Journal& journal) {
  std::vector<JournalSample> out;
  out.reserve(journal.timeline.size());
  for (const records::JournalSample& s : journal.timeline) {
    out.push_back({detail::seconds(s.t), s.throughput_rps, s.error_rate, s.p50, s.p95, s.p99});
  }
  return out;
}

std::vector<Hypothesis> hypotheses(const records::Journal& journal) {
  std::vector<Hypothesis> out;
  for (const records::JournalVerdict& v : journal.verdicts) {
    Hypothesis h;
    h.statement = v.hypothesis;
    h.phase = v.phase;
    h.name = h.statement + (h.phase.empty() ? "" : " [" + h.phase + "]");
    h.held = v.holds;
    h.evidence = v.evidence;
    out.push_back(std::move(h));
  }
  return out;
}

}  // namespace

double ChaosJournal::real_seconds() const {
  if (wall_seconds) return *wall_seconds;
  return real_time() ? duration_s : 0;
}

ChaosJournal chaos_journal_view(const records::Journal& journal, std::string_view source) {
  ChaosJournal j;
  j.source = std::string(source);
  j.scenario = journal.scenario;
  j.seed = journal.seed;
  j.replay = journal.replay;
  j.passed = journal.passed;
  j.time_mode = journal.time_mode;
  if (journal.wall_time) j.wall_seconds = detail::seconds(*journal.wall_time);
  j.target = journal.config.target.name;
  j.samples = samples(journal);
  j.duration_s = detail::seconds(journal.config.duration);
  if (j.duration_s <= 0 && !j.samples.empty()) j.duration_s = j.samples.back().t_s;
  j.faults = detail::fault_windows(journal);
  for (const records::JournalFaultActivity& a : journal.fault_activity) {
    j.fault_activity.push_back({a.point, a.hits, a.fires});
  }
  j.phases = detail::phase_views(journal, j.faults);
  j.breaker_bands = detail::breaker_bands(journal, j.duration_s);
  j.hypotheses = hypotheses(journal);
  j.record = journal;
  return j;
}

}  // namespace gauntlet::reports
