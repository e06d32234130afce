#include "gauntlet/chaos/journal.h"

#include "gauntlet/harness/atomic_file.h"

namespace gauntlet::chaos {
namespace {

using records::Millis;

Millis ms(Nanos ns) { return static_cast<double>(ns) / 1e6; }

records::JournalLoad load_record(const LoadSpec& load) {
  records::JournalLoad out;
  out.mode = load.mode == LoopMode::kOpen ? "open" : "closed";
  if (load.mode == LoopMode::kClosed) {
    out.workers = load.workers;
    out.think_time = ms(load.think_time);
    out.ops_per_worker = load.ops_per_worker;
    return out;
  }
  const LoadPattern& p = load.pattern;
  records::JournalLoadPattern pattern;
  pattern.shape = std::string(to_string(p.shape));
  pattern.rate_rps = p.rate;
  if (p.shape == LoadShape::kStepped) {
    pattern.step_rps = p.step;
    pattern.every = ms(p.period);
  } else if (p.shape == LoadShape::kSpike) {
    pattern.peak_rps = p.peak;
    pattern.start = ms(p.start);
    pattern.duration = ms(p.duration);
  } else if (p.shape == LoadShape::kWave) {
    pattern.amplitude_rps = p.peak;
    pattern.period = ms(p.period);
  }
  out.pattern = std::move(pattern);
  out.connections = load.connections;
  return out;
}

records::JournalConfig config_record(const Scenario& s, const RunRecord& run) {
  records::JournalConfig c;
  c.target = {s.target_name, run.target_kind, run.target_config};
  c.duration = ms(s.duration);
  c.interval = ms(s.interval);
  c.load = load_record(s.load);
  for (const ScheduledFault& f : s.schedule.faults()) {
    const bool error_rate = f.kind == FaultKind::kErrorRate;
    c.schedule.push_back({f.point, error_rate ? "error_rate" : "latency", f.label, ms(f.start), ms(f.end), ms(f.ramp),
                          error_rate ? f.magnitude : f.magnitude / 1e6, f.observed_at});
  }
  for (const Phase& p : s.phases) c.phases.push_back({p.name, ms(p.start), ms(p.end)});
  for (const Hypothesis& h : s.hypotheses) c.hypotheses.push_back({std::string(to_string(h.kind)), h.describe()});
  return c;
}

records::JournalSample sample_record(const Sample& s) {
  records::JournalSample out{ms(s.t),      s.phase,      s.completed,  s.failed,     s.rejected, s.throughput_rps,
                             s.error_rate, ms(s.p50_ns), ms(s.p95_ns), ms(s.p99_ns), {},         s.fault_fires};
  for (const BreakerState& b : s.breakers) out.breakers[b.breaker] = b.state;
  return out;
}

records::MillisInterval interval(const QuantileEstimate& q) { return {ms(q.low), ms(q.high)}; }

records::JournalPhaseStats phase_record(const PhaseStats& p) {
  records::JournalPhaseStats out;
  out.name = p.phase;
  out.start = ms(p.start);
  out.end = ms(p.end);
  out.completed = p.completed;
  out.failed = p.failed;
  out.rejected = p.rejected;
  out.error_rate = p.error_rate;
  out.p50 = ms(p.p50_ns);
  out.p95 = ms(p.p95_ns);
  out.p99 = ms(p.p99_ns);
  out.max = ms(p.max_ns);
  out.service_p99 = ms(p.service_p99_ns);
  out.throughput_rps = p.throughput_rps;
  for (const auto& [code, count] : p.status_counts) out.status_counts[std::to_string(code)] = count;
  out.p50_interval = interval(p.p50);
  out.p95_interval = interval(p.p95);
  out.p99_interval = interval(p.p99);
  out.quality = std::string(to_string(p.quality));
  return out;
}

}  // namespace

records::Journal journal_record(const Scenario& scenario, const RunRecord& run) {
  records::Journal j;
  j.scenario = run.scenario;
  j.description = scenario.description;
  j.seed = run.seed;
  j.time_mode = std::string(to_string(run.mode));
  j.replay = run.replay;
  j.passed = run.passed();
  j.config = config_record(scenario, run);
  for (const Sample& s : run.timeline) j.timeline.push_back(sample_record(s));
  for (const BreakerTransition& t : run.transitions) {
    j.breaker_transitions.push_back({ms(t.at), t.breaker, t.from, t.to});
  }
  for (const FaultPointStats& f : run.fault_activity) j.fault_activity.push_back({f.point, f.hits, f.fires});
  const Totals& t = run.totals;
  j.totals = {t.issued, t.succeeded, t.failed, t.rejected, t.not_sent, t.late};
  for (const PhaseStats& p : run.phases) j.phases.push_back(phase_record(p));
  j.counters = run.target_counters;
  for (const Verdict& v : run.verdicts) {
    j.verdicts.push_back({v.hypothesis, v.phase, v.holds, v.measured, v.threshold, v.evidence});
  }
  if (run.mode == TimeMode::kReal) j.wall_time = run.wall_seconds * 1000.0;
  return j;
}

std::string journal_json(const Scenario& scenario, const RunRecord& run) {
  return records::journal_json(journal_record(scenario, run));
}

Status write_text_file(const std::string& path, std::string_view text) { return write_file_atomically(path, text); }

}  // namespace gauntlet::chaos
