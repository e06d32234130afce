#include <nlohmann/json.hpp>

#include <cstdlib>
#include <string>

#include "gauntlet/reports/gtest_reader.h"
#include "gauntlet/harness/input_file.h"
#include "gauntlet/harness/json_document.h"
#include "gauntlet/records/detail/json_fields.h"

namespace gauntlet::reports {
namespace {

using nlohmann::json;

// GoogleTest writes durations as strings like "0.012s".
Result<double> gtest_seconds(const records::detail::Fields& f, const char* key) {
  if (!f.node().contains(key)) return 0.0;
  Result<std::string> s = f.string(key);
  if (!s) return s.error();
  std::string v = *s;
  if (!v.empty() && v.back() == 's') v.pop_back();
  char* end = nullptr;
  double d = std::strtod(v.c_str(), &end);
  if (v.empty() || end != v.c_str() + v.size() || !(d >= 0 && d <= 1e12)) {
    return f.error(key, "\"" + *s + "\" is not a duration like \"0.25s\"");
  }
  return d;
}

Result<TestCase> read_case(const records::detail::Fields& f, const std::string& suite) {
  TestCase t;
  t.source = f.source();
  Result<std::string> name = f.string("name");
  if (!name) return name.error();
  t.name = *name;
  t.suite = f.string_or("classname", suite);
  t.file = f.string_or("file", "");
  Result<std::int64_t> line = f.whole_or("line", 0, 1 << 30, 0);
  if (!line) return line.error();
  t.line = static_cast<int>(*line);
  Result<double> time = gtest_seconds(f, "time");
  if (!time) return time.error();
  t.time_s = *time;
  const std::string status = f.string_or("status", "RUN");
  const std::string result = f.string_or("result", "COMPLETED");
  if (f.node().contains("failures")) {
    Result<records::detail::FieldsList> failures = f.array("failures");
    if (!failures) return failures.error();
    for (const records::detail::Fields& item : *failures) t.failures.push_back(item.string_or("failure", ""));
  }
  if (f.node().contains("skipped")) t.skip_message = f.string_or("skipped", "");
  bool skipped = status == "NOTRUN" || result == "SKIPPED" || result == "SUPPRESSED";
  t.status = !t.failures.empty() ? TestStatus::kFailed : skipped ? TestStatus::kSkipped : TestStatus::kPassed;
  return t;
}

}  // namespace

Result<TestRun> parse_gtest_json(std::string_view text, std::string_view source) {
  Result<json> doc = parse_json_document(text, source, "GoogleTest JSON");
  if (!doc) return doc.error();
  records::detail::Fields root(*doc, std::string(source), "");
  if (!doc->is_object() || !doc->contains("testsuites")) {
    return Error(ErrorCode::kSchemaError,
                 std::string(source) + ": not GoogleTest JSON output (no \"testsuites\" array)");
  }
  TestRun run;
  run.sources.emplace_back(source);
  run.timestamp = root.string_or("timestamp", "");
  Result<double> total = gtest_seconds(root, "time");
  if (!total) return total.error();
  run.duration_s = *total;
  Result<records::detail::FieldsList> suites = root.array("testsuites");
  if (!suites) return suites.error();
  for (const records::detail::Fields& s : *suites) {
    Result<std::string> suite = s.string("name");
    if (!suite) return suite.error();
    if (!s.node().contains("testsuite")) continue;
    Result<records::detail::FieldsList> cases = s.array("testsuite");
    if (!cases) return cases.error();
    for (const records::detail::Fields& c : *cases) {
      Result<TestCase> t = read_case(c, *suite);
      if (!t) return t.error();
      run.cases.push_back(std::move(*t));
    }
  }
  return run;
}

Result<TestRun> read_gtest_file(const std::filesystem::path& path) {
  Result<std::string> text = read_input_file(path, "GoogleTest output");
  if (!text) return text.error();
  std::size_t first = text->find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (first != std::string::npos && (*text)[first] == '<') return parse_gtest_xml(*text, path.string());
  return parse_gtest_json(*text, path.string());
}

}  // namespace gauntlet::reports
