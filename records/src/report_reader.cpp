// The gauntlet.report/2 reader. Embedded records go through their own
// readers; their errors are re-rooted so the pointer leads from the report.
#include <nlohmann/json.hpp>

#include <limits>
#include <tuple>

#include "gauntlet/records/detail/json_fields.h"
#include "gauntlet/records/gate_result_json.h"
#include "gauntlet/records/property_results_json.h"
#include "gauntlet/records/report_json.h"

namespace gauntlet::records {
namespace {

using detail::Fields;
using detail::FieldsList;
using nlohmann::json;

constexpr std::int64_t kMaxInt = std::numeric_limits<int>::max();

// "<source>: /x: ..." from a reader given the entry at `at` becomes
// "<source>: <at>/x: ...".
Error rooted(const Error& e, const Fields& at) {
  const std::string head = at.source() + ": /";
  std::string message = e.message();
  if (message.rfind(head, 0) == 0) message.insert(head.size() - 1, at.pointer());
  return Error(e.code(), std::move(message));
}

Status read_count(const Fields& f, const char* key, int& out) {
  Result<std::int64_t> n = f.whole_or(key, 0, kMaxInt, 0);
  if (!n) return n.error();
  out = static_cast<int>(*n);
  return Status::Ok();
}

Status read_pair(const Fields& f, const char* part, const char* failed_key, int& total, int& failed) {
  Result<Fields> p = f.object(part);
  if (!p) return p.error();
  if (Status s = read_count(*p, "total", total); !s) return s;
  return read_count(*p, failed_key, failed);
}

Result<ReportSummary> read_summary(const Fields& root) {
  Result<Fields> f = root.object("summary");
  if (!f) return f.error();
  ReportSummary s;
  Result<bool> passed = f->boolean("passed");
  if (!passed) return passed.error();
  s.passed = *passed;
  Result<Fields> tests = f->object("tests");
  if (!tests) return tests.error();
  for (auto [key, out] : {std::pair{"total", &s.tests.total}, std::pair{"passed", &s.tests.passed},
                          std::pair{"failed", &s.tests.failed}, std::pair{"skipped", &s.tests.skipped}}) {
    if (Status st = read_count(*tests, key, *out); !st) return st.error();
  }
  for (auto [part, key, total, failed] : {std::tuple{"properties", "failed", &s.properties, &s.properties_failed},
                                          std::tuple{"journals", "failed", &s.journals, &s.journals_failed},
                                          std::tuple{"benchmarks", "regressed", &s.benchmarks, &s.benchmarks_regressed},
                                          std::tuple{"budgets", "failed", &s.budgets, &s.budgets_failed}}) {
    if (Status st = read_pair(*f, part, key, *total, *failed); !st) return st.error();
  }
  return s;
}

Result<TestCase> read_case(const Fields& f) {
  TestCase t;
  for (auto [key, out] : {std::pair{"suite", &t.suite}, std::pair{"name", &t.name}}) {
    Result<std::string> s = f.string(key);
    if (!s) return s.error();
    *out = std::move(*s);
  }
  Result<std::string> status = f.string("status");
  if (!status) return status.error();
  std::optional<TestStatus> named = test_status_named(*status);
  if (!named) return f.error("status", "unknown status \"" + *status + "\" (passed, failed or skipped)");
  t.status = *named;
  Result<double> time = f.number_or_null("time_s", 0);
  if (!time) return time.error();
  t.time_s = *time;
  Result<std::int64_t> line = f.whole_or("line", 0, kMaxInt, 0);
  if (!line) return line.error();
  t.line = static_cast<int>(*line);
  Result<std::vector<std::string>> failures = f.strings_or_empty("failures");
  if (!failures) return failures.error();
  t.failures = std::move(*failures);
  t.file = f.string_or("file", "");
  t.skip_message = f.string_or("skip_message", "");
  t.source = f.string_or("source", "");
  return t;
}

Result<TestRun> read_tests(const Fields& root) {
  Result<Fields> f = root.object("tests");
  if (!f) return f.error();
  TestRun run;
  Result<double> duration = f->number_or_null("duration_s", 0);
  if (!duration) return duration.error();
  run.duration_s = *duration;
  run.timestamp = f->string_or("timestamp", "");
  Result<std::vector<std::string>> sources = f->strings_or_empty("sources");
  if (!sources) return sources.error();
  run.sources = std::move(*sources);
  Result<FieldsList> cases = f->array("cases");
  if (!cases) return cases.error();
  for (const Fields& c : *cases) {
    Result<TestCase> t = read_case(c);
    if (!t) return t.error();
    run.cases.push_back(std::move(*t));
  }
  return run;
}

Status read_environment(const Fields& root, ReportRecord& r) {
  Result<Fields> env = root.object("environment");
  if (!env) return env.error();
  for (const auto& [key, value] : env->node().items()) {
    if (!value.is_string()) return env->error(key.c_str(), std::string("expected a string, got ") + value.type_name());
    r.environment.emplace_back(key, value.get<std::string>());
  }
  return Status::Ok();
}

Result<std::vector<std::size_t>> read_indices(const Fields& f) {
  std::vector<std::size_t> out;
  if (!f.has("change_points") || f.node()["change_points"].is_null()) return out;
  const json& v = f.node()["change_points"];
  if (!v.is_array()) return f.error("change_points", std::string("expected an array, got ") + v.type_name());
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (!v[i].is_number_unsigned() || v[i].get<std::uint64_t>() > static_cast<std::uint64_t>(detail::kMaxCount)) {
      return f.error(("change_points/" + std::to_string(i)).c_str(), "expected an index, got " + v[i].dump());
    }
    out.push_back(static_cast<std::size_t>(v[i].get<std::uint64_t>()));
  }
  return out;
}

Result<ReportTrend> read_trend(const Fields& f) {
  ReportTrend t;
  Result<std::string> benchmark = f.string("benchmark");
  if (!benchmark) return benchmark.error();
  t.benchmark = std::move(*benchmark);
  t.metric = f.string_or("metric", "");
  if (!f.has("values") || !f.node()["values"].is_array()) return f.error("values", "missing (expected an array)");
  const json& values = f.node()["values"];
  for (std::size_t i = 0; i < values.size(); ++i) {
    // A value the history could not give is written as null.
    if (values[i].is_null()) {
      t.values.push_back(std::numeric_limits<double>::quiet_NaN());
    } else if (values[i].is_number()) {
      t.values.push_back(values[i].get<double>());
    } else {
      return f.error(("values/" + std::to_string(i)).c_str(),
                     std::string("expected a number, got ") + values[i].type_name());
    }
  }
  Result<std::vector<std::size_t>> points = read_indices(f);
  if (!points) return points.error();
  t.change_points = std::move(*points);
  return t;
}

// Reads each entry of the array at `key`, a record with its `source`, with
// the record's own reader `read` (document, source for errors).
template <class Sourced, class Read>
Status read_sourced(const Fields& root, const char* key, Read read, std::vector<Sourced>& out) {
  Result<FieldsList> entries = root.array(key);
  if (!entries) return entries.error();
  for (const Fields& e : *entries) {
    Result<std::string> source = e.string("source");
    if (!source) return source.error();
    auto record = read(e.node(), e.source());
    if (!record) return rooted(record.error(), e);
    out.push_back({std::move(*source), std::move(*record)});
  }
  return Status::Ok();
}

}  // namespace

Result<ReportRecord> read_report(const nlohmann::json& doc, std::string_view source) {
  if (Status s = detail::expect_schema(doc, kReportSchema, source); !s) return s.error();
  Fields root(doc, std::string(source), "");
  ReportRecord r;
  Result<std::string> title = root.string("title");
  if (!title) return title.error();
  r.title = std::move(*title);
  if (Status s = read_environment(root, r); !s) return s.error();
  Result<ReportSummary> summary = read_summary(root);
  if (!summary) return summary.error();
  r.summary = *summary;
  Result<TestRun> tests = read_tests(root);
  if (!tests) return tests.error();
  r.tests = std::move(*tests);
  if (Status s = read_sourced(root, "properties", &read_property_results, r.properties); !s) return s.error();
  if (Status s = read_sourced(root, "journals", &read_journal, r.journals); !s) return s.error();
  if (Status s = read_sourced(root, "gates", &read_gate_result, r.gates); !s) return s.error();
  Result<FieldsList> history = root.array("history");
  if (!history) return history.error();
  for (const Fields& h : *history) {
    Result<ReportTrend> t = read_trend(h);
    if (!t) return t.error();
    r.history.push_back(std::move(*t));
  }
  return r;
}

}  // namespace gauntlet::records
