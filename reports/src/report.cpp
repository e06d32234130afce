#include "gauntlet/reports/report.h"
#include "gauntlet/harness/input_file.h"
#include "gauntlet/harness/json_document.h"

#include <nlohmann/json.hpp>

#include "gauntlet/reports/gtest_reader.h"
#include "gauntlet/records/gate_result_json.h"
#include "gauntlet/records/history_store.h"
#include "gauntlet/records/property_results_json.h"
#include "gauntlet/records/report_json.h"

namespace gauntlet::reports {

ReportSummary summarize(const Report& report) {
  ReportSummary s;
  s.tests = count_tests(report.tests);
  for (const ChaosJournal& j : report.journals) {
    ++s.journals;
    s.journals_failed += j.passed ? 0 : 1;
  }
  bool gates_ok = true;
  for (const GateInput& g : report.gates) {
    gates_ok = gates_ok && g.result.passed;
    // Counts straight from the record: no need to format the rows.
    for (const records::BenchmarkComparison& c : g.result.benchmarks) {
      ++s.benchmarks;
      s.benchmarks_regressed += c.verdict == records::Verdict::kRegressed ? 1 : 0;
    }
    for (const records::BudgetCheck& b : g.result.budgets) {
      ++s.budgets;
      s.budgets_failed += b.breached ? 1 : 0;
    }
    for (const records::ThroughputCheck& t : g.result.throughput) {
      ++s.budgets;
      s.budgets_failed += t.breached ? 1 : 0;
    }
    for (const records::MemoryCheck& m : g.result.memory) {
      ++s.budgets;
      s.budgets_failed += m.breached ? 1 : 0;
    }
  }
  for (const PropertyResults& p : report.properties) {
    for (const records::PropertyResult& o : p.results) {
      ++s.properties;
      s.properties_failed += is_failure(o) ? 1 : 0;
    }
  }
  // The gate's verdict decides for benchmarks: its regressions may be advisory.
  s.passed =
      gates_ok && s.tests.failed == 0 && s.journals_failed == 0 && s.budgets_failed == 0 && s.properties_failed == 0;
  return s;
}

namespace {

constexpr std::string_view kSqliteMagic{"SQLite format 3\0", 16};

Status add_json(Report& report, const std::string& text, const std::string& source) {
  Result<nlohmann::json> doc = parse_json_document(text, source, "a Gauntlet record");
  if (!doc) return doc.error();
  if (doc->is_object() && doc->contains("schema") && (*doc)["schema"].is_string()) {
    const std::string schema = (*doc)["schema"].get<std::string>();
    if (schema.rfind("gauntlet.journal/", 0) == 0) {
      Result<records::Journal> j = records::read_journal(*doc, source);
      if (!j) return j.error();
      report.journals.push_back(chaos_journal_view(*j, source));
      return Status::Ok();
    }
    if (schema.rfind("gauntlet.gate/", 0) == 0) {
      Result<records::GateResult> g = records::read_gate_result(*doc, source);
      if (!g) return g.error();
      report.gates.push_back({source, std::move(*g)});
      return Status::Ok();
    }
    if (schema.rfind("gauntlet.properties/", 0) == 0) {
      Result<std::vector<records::PropertyResult>> p = records::read_property_results(*doc, source);
      if (!p) return p.error();
      report.properties.push_back({std::move(*p), source});
      return Status::Ok();
    }
    if (schema.rfind("gauntlet.report/", 0) == 0) {
      Result<records::ReportRecord> r = records::read_report(*doc, source);
      if (!r) return r.error();
      add_report_record(report, std::move(*r));
      return Status::Ok();
    }
    return Error(ErrorCode::kSchemaError, source + ": /schema: \"" + schema +
                                              "\" is not an input reports read (gauntlet.journal/1, "
                                              "gauntlet.gate/1, gauntlet.properties/1, gauntlet.report/2)");
  }
  if (doc->is_object() && doc->contains("testsuites")) {
    Result<TestRun> run = parse_gtest_json(text, source);
    if (!run) return run.error();
    merge_into(report.tests, std::move(*run));
    return Status::Ok();
  }
  return Error(ErrorCode::kSchemaError,
               source +
                   ": not a recognised input (GoogleTest XML/JSON, a document with a Gauntlet \"schema\", "
                   "or a history database)");
}

// A history: a SQLite file, or a PostgreSQL database.
Status add_history(Report& report, const std::filesystem::path& location) {
  Result<std::vector<HistorySeries>> history = read_history(location);
  if (!history) return history.error();
  for (HistorySeries& s : *history) report.history.push_back(std::move(s));
  return Status::Ok();
}

}  // namespace

Status add_input(Report& report, const std::filesystem::path& path) {
  if (records::is_postgresql_location(path.string())) return add_history(report, path);
  Result<std::string> text = read_input_file(path, "report input");
  if (!text) return text.error();
  const std::string source = path.string();
  if (text->compare(0, kSqliteMagic.size(), kSqliteMagic) == 0) return add_history(report, path);
  std::size_t first = text->find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (first == std::string::npos) return Error(ErrorCode::kSchemaError, source + ": empty file");
  if ((*text)[first] == '<') {
    Result<TestRun> run = parse_gtest_xml(*text, source);
    if (!run) return run.error();
    merge_into(report.tests, std::move(*run));
    return Status::Ok();
  }
  return add_json(report, *text, source);
}

}  // namespace gauntlet::reports
