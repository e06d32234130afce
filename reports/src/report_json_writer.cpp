// The versioned JSON form of a report ("gauntlet.report/1"): every input
// record as read, plus the summary. Field names follow docs/reports.md.
#include <nlohmann/json.hpp>

#include "gauntlet/records/gate_result_json.h"
#include "gauntlet/reports/writers.h"

namespace gauntlet::reports {
namespace {

using nlohmann::json;
using ordered = nlohmann::ordered_json;

ordered summary_json(const ReportSummary& s) {
  return {{"passed", s.passed},
          {"tests",
           {{"total", s.tests.total},
            {"passed", s.tests.passed},
            {"failed", s.tests.failed},
            {"skipped", s.tests.skipped}}},
          {"properties", {{"total", s.properties}, {"failed", s.properties_failed}}},
          {"journals", {{"total", s.journals}, {"failed", s.journals_failed}}},
          {"benchmarks", {{"total", s.benchmarks}, {"regressed", s.benchmarks_regressed}}},
          {"budgets", {{"total", s.budgets}, {"failed", s.budgets_failed}}}};
}

ordered tests_json(const TestRun& run) {
  ordered cases = ordered::array();
  for (const TestCase& t : run.cases) {
    cases.push_back({{"suite", t.suite},
                     {"name", t.name},
                     {"status", to_string(t.status)},
                     {"time_s", t.time_s},
                     {"file", t.file},
                     {"line", t.line},
                     {"failures", t.failures},
                     {"skip_message", t.skip_message},
                     {"source", t.source}});
  }
  return {{"duration_s", run.duration_s}, {"timestamp", run.timestamp}, {"sources", run.sources}, {"cases", cases}};
}

ordered phase_json(const JournalPhaseStats& p) {
  ordered codes = ordered::object();
  for (const auto& [code, n] : p.status_counts) codes[code] = n;
  return {{"name", p.name},
          {"faults", p.faults},
          {"start_s", p.start_s},
          {"end_s", p.end_s},
          {"completed", p.completed},
          {"failed", p.failed},
          {"rejected", p.rejected},
          {"throughput_rps", p.throughput_rps},
          {"error_rate", p.error_rate},
          {"p50_ms", p.p50_ms},
          {"p95_ms", p.p95_ms},
          {"p99_ms", p.p99_ms},
          {"max_ms", p.max_ms},
          {"status_counts", codes}};
}

ordered journal_json(const ChaosJournal& j) {
  ordered samples = ordered::array(), bands = ordered::array(), faults = ordered::array(), phases = ordered::array(),
          activity = ordered::array(), hyps = ordered::array();
  for (const JournalSample& s : j.samples) {
    samples.push_back({{"t_s", s.t_s},
                       {"throughput_rps", s.throughput_rps},
                       {"error_rate", s.error_rate},
                       {"p50_ms", s.p50_ms},
                       {"p95_ms", s.p95_ms},
                       {"p99_ms", s.p99_ms}});
  }
  for (const BreakerBand& b : j.breaker_bands) {
    bands.push_back({{"breaker", b.breaker}, {"state", b.state}, {"start_s", b.start_s}, {"end_s", b.end_s}});
  }
  for (const FaultWindow& w : j.faults) {
    faults.push_back(
        {{"label", w.label}, {"point", w.point}, {"effect", w.effect}, {"start_s", w.start_s}, {"end_s", w.end_s}});
  }
  for (const JournalPhaseStats& p : j.phases) phases.push_back(phase_json(p));
  for (const FaultActivity& a : j.fault_activity) {
    activity.push_back({{"point", a.point}, {"hits", a.hits}, {"fires", a.fires}});
  }
  for (const Hypothesis& h : j.hypotheses) {
    hyps.push_back(
        {{"name", h.name}, {"statement", h.statement}, {"phase", h.phase}, {"held", h.held}, {"evidence", h.evidence}});
  }
  ordered wall = j.wall_seconds ? ordered(*j.wall_seconds) : ordered(nullptr);
  return {{"scenario", j.scenario},     {"seed", j.seed},           {"replay", j.replay},
          {"passed", j.passed},         {"time_mode", j.time_mode}, {"duration_s", j.duration_s},
          {"wall_seconds", wall},       {"target", j.target},       {"samples", samples},
          {"breaker", bands},           {"faults", faults},         {"phases", phases},
          {"fault_activity", activity}, {"hypotheses", hyps},       {"source", j.source}};
}

// The gate's own record (gauntlet.gate/1, as records writes it) and the file
// it came from: the report repeats the gate, it does not rename it.
ordered gate_json(const GateInput& g) {
  ordered doc = ordered::parse(records::gate_result_json(g.result));
  doc["source"] = g.source;
  return doc;
}

ordered properties_json(const PropertyResults& p) {
  ordered results = ordered::array();
  for (const records::PropertyResult& o : p.results) {
    ordered example = ordered::array();
    for (const auto& [type, value] : o.counterexample) example.push_back({{"type", type}, {"value", value}});
    results.push_back({{"test", o.test},
                       {"instantiation", o.instantiation},
                       {"suite", o.suite},
                       {"property", o.property},
                       {"severity", o.severity},
                       {"outcome", records::to_string(o.outcome)},
                       {"fails_test", o.fails_test},
                       {"cases", o.cases},
                       {"seed", o.seed},
                       {"counterexample", example},
                       {"message", o.message},
                       {"rerun", o.rerun}});
  }
  return {{"results", results}, {"source", p.source}};
}

}  // namespace

std::string write_report_json(const Report& report, int indent) {
  ordered env = ordered::object();
  for (const auto& [k, v] : report.environment) env[k] = v;
  ordered journals = ordered::array(), gates = ordered::array(), props = ordered::array(), history = ordered::array();
  for (const ChaosJournal& j : report.journals) journals.push_back(journal_json(j));
  for (const GateInput& g : report.gates) gates.push_back(gate_json(g));
  for (const PropertyResults& p : report.properties) props.push_back(properties_json(p));
  for (const HistorySeries& h : report.history) {
    history.push_back({{"benchmark", h.benchmark},
                       {"metric", h.metric},
                       {"values", h.values},
                       {"change_points", change_points_for(h, report.gates)}});
  }
  ordered doc{{"schema", "gauntlet.report/1"},
              {"title", report.title},
              {"environment", env},
              {"summary", summary_json(summarize(report))},
              {"tests", tests_json(report.tests)},
              {"properties", props},
              {"journals", journals},
              {"gates", gates},
              {"history", history}};
  return doc.dump(indent, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace gauntlet::reports
