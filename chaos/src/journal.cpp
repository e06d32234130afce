#include "gauntlet/chaos/journal.h"

#include "gauntlet/harness/atomic_file.h"

#include <fmt/format.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>

namespace gauntlet::chaos {
namespace {

using nlohmann::json;

double ms(Nanos ns) { return static_cast<double>(ns) / 1e6; }

json load_json(const LoadSpec& load) {
  json j;
  j["mode"] = load.mode == LoopMode::kOpen ? "open" : "closed";
  if (load.mode == LoopMode::kOpen) {
    const LoadPattern& p = load.pattern;
    j["pattern"] = {{"shape", to_string(p.shape)}, {"rate_rps", p.rate}};
    if (p.shape == LoadShape::kStepped) j["pattern"].update({{"step_rps", p.step}, {"every_ms", ms(p.period)}});
    if (p.shape == LoadShape::kSpike) {
      j["pattern"].update({{"peak_rps", p.peak}, {"start_ms", ms(p.start)}, {"duration_ms", ms(p.duration)}});
    }
    if (p.shape == LoadShape::kWave) j["pattern"].update({{"amplitude_rps", p.peak}, {"period_ms", ms(p.period)}});
    j["connections"] = load.connections;
  } else {
    j["workers"] = load.workers;
    j["think_time_ms"] = ms(load.think_time);
    j["ops_per_worker"] = load.ops_per_worker;
  }
  return j;
}

json config_json(const Scenario& s, const RunRecord& run) {
  json target = {{"name", s.target_name}, {"kind", run.target_kind}, {"config", run.target_config}};
  json schedule = json::array();
  for (const auto& f : s.schedule.faults()) {
    schedule.push_back({{"point", f.point},
                        {"kind", f.kind == FaultKind::kErrorRate ? "error_rate" : "latency"},
                        {"label", f.label},
                        {"start_ms", ms(f.start)},
                        {"end_ms", ms(f.end)},
                        {"ramp_ms", ms(f.ramp)},
                        {"magnitude", f.kind == FaultKind::kErrorRate ? f.magnitude : f.magnitude / 1e6},
                        {"observed_at", f.observed_at}});
  }
  json phases = json::array();
  for (const auto& p : s.phases) phases.push_back({{"name", p.name}, {"start_ms", ms(p.start)}, {"end_ms", ms(p.end)}});
  json hypotheses = json::array();
  for (const auto& h : s.hypotheses) hypotheses.push_back({{"kind", to_string(h.kind)}, {"statement", h.describe()}});
  return {{"target", target},         {"duration_ms", ms(s.duration)}, {"interval_ms", ms(s.interval)},
          {"load", load_json(s.load)}, {"schedule", schedule},          {"phases", phases},
          {"hypotheses", hypotheses}};
}

json timeline_json(const RunRecord& run) {
  json out = json::array();
  for (const auto& s : run.timeline) {
    json breakers = json::object();
    for (const auto& b : s.breakers) breakers[b.breaker] = b.state;
    out.push_back({{"t_ms", ms(s.t)},
                   {"phase", s.phase},
                   {"completed", s.completed},
                   {"failed", s.failed},
                   {"rejected", s.rejected},
                   {"throughput_rps", s.throughput_rps},
                   {"error_rate", s.error_rate},
                   {"p50_ms", ms(s.p50_ns)},
                   {"p95_ms", ms(s.p95_ns)},
                   {"p99_ms", ms(s.p99_ns)},
                   {"breakers", breakers},
                   {"fault_fires", s.fault_fires}});
  }
  return out;
}

}  // namespace

std::string journal_json(const Scenario& scenario, const RunRecord& run) {
  json j;
  j["schema"] = kJournalSchema;
  j["scenario"] = run.scenario;
  j["description"] = scenario.description;
  j["seed"] = run.seed;
  j["time_mode"] = to_string(run.mode);
  j["replay"] = run.replay;
  j["passed"] = run.passed();
  j["config"] = config_json(scenario, run);
  j["timeline"] = timeline_json(run);
  json transitions = json::array();
  for (const auto& t : run.transitions) {
    transitions.push_back({{"t_ms", ms(t.at)}, {"breaker", t.breaker}, {"from", t.from}, {"to", t.to}});
  }
  j["breaker_transitions"] = transitions;
  json faults = json::array();
  for (const auto& f : run.fault_activity) faults.push_back({{"point", f.point}, {"hits", f.hits}, {"fires", f.fires}});
  j["fault_activity"] = faults;
  const Totals& t = run.totals;
  j["totals"] = {{"issued", t.issued},     {"succeeded", t.succeeded}, {"failed", t.failed},
                 {"rejected", t.rejected}, {"not_sent", t.not_sent},   {"late", t.late}};
  json phases = json::array();
  for (const auto& p : run.phases) {
    json codes = json::object();
    for (const auto& [code, count] : p.status_counts) codes[std::to_string(code)] = count;
    phases.push_back({{"name", p.phase},          {"start_ms", ms(p.start)},  {"end_ms", ms(p.end)},
                      {"completed", p.completed}, {"failed", p.failed},       {"rejected", p.rejected},
                      {"error_rate", p.error_rate}, {"p50_ms", ms(p.p50_ns)}, {"p95_ms", ms(p.p95_ns)},
                      {"p99_ms", ms(p.p99_ns)},   {"max_ms", ms(p.max_ns)},   {"service_p99_ms", ms(p.service_p99_ns)},
                      {"throughput_rps", p.throughput_rps}, {"status_counts", codes},
                      {"p50_interval_ms", {ms(p.p50.low), ms(p.p50.high)}},
                      {"p95_interval_ms", {ms(p.p95.low), ms(p.p95.high)}},
                      {"p99_interval_ms", {ms(p.p99.low), ms(p.p99.high)}},
                      {"quality", to_string(p.quality)}});
  }
  j["phases"] = phases;
  j["counters"] = run.target_counters;
  json verdicts = json::array();
  for (const auto& v : run.verdicts) {
    verdicts.push_back({{"hypothesis", v.hypothesis}, {"phase", v.phase},       {"holds", v.holds},
                        {"measured", v.measured},     {"threshold", v.threshold}, {"evidence", v.evidence}});
  }
  j["verdicts"] = verdicts;
  if (run.mode == TimeMode::kReal) j["wall_seconds"] = run.wall_seconds;
  // Names come from scenario files and targets: ill-formed UTF-8 is replaced, never thrown on.
  return j.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

Status write_text_file(const std::string& path, std::string_view text) { return write_file_atomically(path, text); }

}  // namespace gauntlet::chaos
