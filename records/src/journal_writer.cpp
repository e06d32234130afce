// Writes the journal record. Keys come out in alphabetical order (nlohmann's
// object is a sorted map) and a figure that is not a number (kNotMeasured) as
// null, so equal records give equal bytes.
#include <nlohmann/json.hpp>

#include "gauntlet/records/journal.h"

namespace gauntlet::records {
namespace {

using nlohmann::json;

json interval_json(const std::optional<MillisInterval>& i) { return json::array({i->low, i->high}); }

json load_json(const JournalLoad& load) {
  json j;
  j["mode"] = load.mode;
  if (load.pattern) {
    const JournalLoadPattern& p = *load.pattern;
    json pattern = {{"shape", p.shape}, {"rate_rps", p.rate_rps}};
    for (auto [key, value] : {std::pair{"step_rps", &p.step_rps},
                              {"every_ms", &p.every},
                              {"peak_rps", &p.peak_rps},
                              {"start_ms", &p.start},
                              {"duration_ms", &p.duration},
                              {"amplitude_rps", &p.amplitude_rps},
                              {"period_ms", &p.period}}) {
      if (*value) pattern[key] = **value;
    }
    j["pattern"] = std::move(pattern);
  }
  if (load.connections) j["connections"] = *load.connections;
  if (load.workers) j["workers"] = *load.workers;
  if (load.think_time) j["think_time_ms"] = *load.think_time;
  if (load.ops_per_worker) j["ops_per_worker"] = *load.ops_per_worker;
  return j;
}

json config_json(const JournalConfig& c) {
  json target = {{"name", c.target.name}, {"kind", c.target.kind}, {"config", c.target.config}};
  json schedule = json::array();
  for (const JournalFault& f : c.schedule) {
    schedule.push_back({{"point", f.point},
                        {"kind", f.kind},
                        {"label", f.label},
                        {"start_ms", f.start},
                        {"end_ms", f.end},
                        {"ramp_ms", f.ramp},
                        {"magnitude", f.magnitude},
                        {"observed_at", f.observed_at}});
  }
  json phases = json::array();
  for (const JournalPhase& p : c.phases) {
    phases.push_back({{"name", p.name}, {"start_ms", p.start}, {"end_ms", p.end}});
  }
  json hypotheses = json::array();
  for (const JournalHypothesis& h : c.hypotheses) hypotheses.push_back({{"kind", h.kind}, {"statement", h.statement}});
  return {{"target", target},     {"duration_ms", c.duration}, {"interval_ms", c.interval}, {"load", load_json(c.load)},
          {"schedule", schedule}, {"phases", phases},          {"hypotheses", hypotheses}};
}

json timeline_json(const std::vector<JournalSample>& timeline) {
  json out = json::array();
  for (const JournalSample& s : timeline) {
    out.push_back({{"t_ms", s.t},
                   {"phase", s.phase},
                   {"completed", s.completed},
                   {"failed", s.failed},
                   {"rejected", s.rejected},
                   {"throughput_rps", s.throughput_rps},
                   {"error_rate", s.error_rate},
                   {"p50_ms", s.p50},
                   {"p95_ms", s.p95},
                   {"p99_ms", s.p99},
                   {"breakers", json(s.breakers)},
                   {"fault_fires", json(s.fault_fires)}});
  }
  return out;
}

json phase_json(const JournalPhaseStats& p) {
  json j = {{"name", p.name},
            {"start_ms", p.start},
            {"end_ms", p.end},
            {"error_rate", p.error_rate},
            {"p50_ms", p.p50},
            {"p95_ms", p.p95},
            {"p99_ms", p.p99},
            {"max_ms", p.max},
            {"service_p99_ms", p.service_p99},
            {"throughput_rps", p.throughput_rps},
            {"status_counts", json(p.status_counts)},
            {"quality", p.quality}};
  for (auto [key, value] : {std::pair{"completed", &p.completed}, {"failed", &p.failed}, {"rejected", &p.rejected}}) {
    if (*value) j[key] = **value;
  }
  for (auto [key, value] : {std::pair{"p50_interval_ms", &p.p50_interval},
                            {"p95_interval_ms", &p.p95_interval},
                            {"p99_interval_ms", &p.p99_interval}}) {
    if (*value) j[key] = interval_json(*value);
  }
  return j;
}

}  // namespace

std::string journal_json(const Journal& journal) {
  json j;
  j["schema"] = kJournalSchema;
  j["scenario"] = journal.scenario;
  j["description"] = journal.description;
  j["seed"] = journal.seed;
  j["time_mode"] = journal.time_mode;
  j["replay"] = journal.replay;
  j["passed"] = journal.passed;
  j["config"] = config_json(journal.config);
  j["timeline"] = timeline_json(journal.timeline);
  json transitions = json::array();
  for (const JournalBreakerTransition& t : journal.breaker_transitions) {
    transitions.push_back({{"t_ms", t.t}, {"breaker", t.breaker}, {"from", t.from}, {"to", t.to}});
  }
  j["breaker_transitions"] = transitions;
  json faults = json::array();
  for (const JournalFaultActivity& f : journal.fault_activity) {
    faults.push_back({{"point", f.point}, {"hits", f.hits}, {"fires", f.fires}});
  }
  j["fault_activity"] = faults;
  const JournalTotals& t = journal.totals;
  j["totals"] = {{"issued", t.issued},     {"succeeded", t.succeeded}, {"failed", t.failed},
                 {"rejected", t.rejected}, {"not_sent", t.not_sent},   {"late", t.late}};
  json phases = json::array();
  for (const JournalPhaseStats& p : journal.phases) phases.push_back(phase_json(p));
  j["phases"] = phases;
  j["counters"] = journal.counters;
  json verdicts = json::array();
  for (const JournalVerdict& v : journal.verdicts) {
    verdicts.push_back({{"hypothesis", v.hypothesis},
                        {"phase", v.phase},
                        {"holds", v.holds},
                        {"measured", v.measured},
                        {"threshold", v.threshold},
                        {"evidence", v.evidence}});
  }
  j["verdicts"] = verdicts;
  if (journal.wall_time) j["wall_seconds"] = *journal.wall_time / 1000.0;
  return j.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace gauntlet::records
