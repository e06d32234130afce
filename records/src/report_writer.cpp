// The gauntlet.report/2 writer. The embedded records come from their own
// writers, parsed back into key order, so the report repeats each record
// byte for byte in meaning and never re-spells one.
#include <nlohmann/json.hpp>

#include "gauntlet/records/gate_result_json.h"
#include "gauntlet/records/property_results_json.h"
#include "gauntlet/records/report_json.h"

namespace gauntlet::records {
namespace {

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

// A record's own document with the file it came from.
ordered embedded(const std::string& document, const std::string& source) {
  ordered doc = ordered::parse(document);
  doc["source"] = source;
  return doc;
}

}  // namespace

std::string report_json(const ReportRecord& report, int indent) {
  ordered env = ordered::object();
  for (const auto& [k, v] : report.environment) env[k] = v;
  ordered journals = ordered::array(), gates = ordered::array(), props = ordered::array(), history = ordered::array();
  for (const SourcedJournal& j : report.journals) journals.push_back(embedded(journal_json(j.journal), j.source));
  for (const SourcedGateResult& g : report.gates) gates.push_back(embedded(gate_result_json(g.result), g.source));
  for (const SourcedPropertyResults& p : report.properties) {
    props.push_back(embedded(property_results_json(p.results), p.source));
  }
  for (const ReportTrend& t : report.history) {
    history.push_back(
        {{"benchmark", t.benchmark}, {"metric", t.metric}, {"values", t.values}, {"change_points", t.change_points}});
  }
  ordered doc{{"schema", kReportSchema},
              {"title", report.title},
              {"environment", env},
              {"summary", summary_json(report.summary)},
              {"tests", tests_json(report.tests)},
              {"properties", props},
              {"journals", journals},
              {"gates", gates},
              {"history", history}};
  return doc.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace gauntlet::records
