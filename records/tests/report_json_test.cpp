// The report record: the writer embeds each input record as its own writer
// wrote it, the reader reads back what the writer wrote, and every refusal
// names the file and the JSON pointer from the report's root.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <sstream>

#include "gauntlet/harness/testing/status_matchers.h"
#include "gauntlet/records/gate_result_json.h"
#include "gauntlet/records/property_results_json.h"
#include "gauntlet/records/report_json.h"

namespace gauntlet::records {
namespace {

using matchers::IsOk;
using matchers::StatusIs;
using nlohmann::json;
using ::testing::HasSubstr;

std::string golden(const std::string& path) {
  std::ifstream in(std::string(GAUNTLET_SOURCE_DIR) + "/" + path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// A report holding one of everything, its records taken from the golden
// files their producers wrote.
ReportRecord sample() {
  ReportRecord r;
  r.title = "Nightly <main>";
  r.environment = {{"GITHUB_SHA", "abc"}, {"seed", "1"}};
  r.summary.passed = false;
  r.summary.tests = {2, 1, 1, 0};
  r.summary.journals = 1;
  r.summary.journals_failed = 1;
  r.tests.duration_s = 1.5;
  r.tests.timestamp = "2026-12-03T10:00:00Z";
  r.tests.sources = {"unit.xml"};
  TestCase passed{"Suite", "Passes", TestStatus::kPassed, 0.5, "a.cpp", 3, {}, "", "unit.xml"};
  TestCase failed{"Suite", "Fails", TestStatus::kFailed, 1.0, "a.cpp", 9, {"a.cpp:9\nexpected 1"}, "", "unit.xml"};
  r.tests.cases = {passed, failed};
  Result<Journal> journal =
      read_journal_text(golden("fixtures/chaos_scenarios/tests/golden/gradual_failure_no_breaker.journal.json"), "j");
  EXPECT_THAT(journal, IsOk());
  r.journals.push_back({"out/gradual.journal.json", *journal});
  Result<GateResult> gate = read_gate_result(json::parse(golden("ci/tests/golden/gate.json")), "g");
  EXPECT_THAT(gate, IsOk());
  r.gates.push_back({"out/gate.json", *gate});
  Result<std::vector<PropertyResult>> props =
      read_property_results_text(golden("reports/tests/data/properties.json"), "p");
  EXPECT_THAT(props, IsOk());
  r.properties.push_back({"out/properties.json", *props});
  r.history.push_back({"BM_Parse", "real_time", {100, std::nan(""), 104}, {2}});
  return r;
}

Result<ReportRecord> read_text(const std::string& text) { return read_report(json::parse(text), "r.json"); }

TEST(ReportJsonTest, ReadsBackWhatItWrote) {
  const std::string text = report_json(sample());
  Result<ReportRecord> back = read_text(text);
  ASSERT_THAT(back, IsOk());
  EXPECT_EQ(report_json(*back), text);
  EXPECT_EQ(back->title, "Nightly <main>");
  EXPECT_EQ(back->summary, sample().summary);
  EXPECT_EQ(back->tests, sample().tests);
  ASSERT_EQ(back->journals.size(), 1u);
  EXPECT_EQ(back->journals[0].source, "out/gradual.journal.json");
  // Compared as written: a figure the journal lacks is NaN, never equal to itself.
  EXPECT_EQ(journal_json(back->journals[0].journal), journal_json(sample().journals[0].journal));
  EXPECT_EQ(back->properties.at(0).results, sample().properties.at(0).results);
  EXPECT_EQ(back->gates.at(0).source, "out/gate.json");
  ASSERT_EQ(back->history.size(), 1u);
  EXPECT_TRUE(std::isnan(back->history[0].values[1]));
  EXPECT_EQ(back->history[0].change_points, std::vector<std::size_t>{2});
}

TEST(ReportJsonTest, EmbedsEachRecordAsItsOwnWriterWritesIt) {
  const ReportRecord r = sample();
  json doc = json::parse(report_json(r));
  EXPECT_EQ(doc["schema"], "gauntlet.report/2");
  for (auto [key, own] : {std::pair{"journals", journal_json(r.journals[0].journal)},
                          std::pair{"gates", gate_result_json(r.gates[0].result)},
                          std::pair{"properties", property_results_json(r.properties[0].results)}}) {
    json entry = doc[key][0];
    EXPECT_EQ(entry["source"], "out/" + std::string(key == std::string("journals") ? "gradual.journal.json"
                                                    : key == std::string("gates")  ? "gate.json"
                                                                                   : "properties.json"));
    entry.erase("source");
    EXPECT_EQ(entry, json::parse(own)) << key;
  }
}

json sample_doc() { return json::parse(report_json(sample())); }

TEST(ReportJsonTest, RefusesOtherVersionsNamingTheSchema) {
  json doc = sample_doc();
  doc["schema"] = "gauntlet.report/1";
  EXPECT_THAT(read_report(doc, "r.json"),
              StatusIs(ErrorCode::kSchemaError, HasSubstr("r.json: /schema: \"gauntlet.report/1\" is not supported")));
  doc.erase("schema");
  EXPECT_THAT(read_report(doc, "r.json"), StatusIs(ErrorCode::kSchemaError, HasSubstr("r.json: /schema: missing")));
}

TEST(ReportJsonTest, ErrorsInsideAnEmbeddedRecordPointFromTheReportsRoot) {
  json doc = sample_doc();
  doc["journals"][0]["phases"][0]["name"] = 7;
  EXPECT_THAT(read_report(doc, "r.json"),
              StatusIs(ErrorCode::kSchemaError, HasSubstr("r.json: /journals/0/phases/0/name: expected a string")));
  doc = sample_doc();
  doc["gates"][0]["schema"] = "gauntlet.gate/9";
  EXPECT_THAT(read_report(doc, "r.json"), StatusIs(ErrorCode::kSchemaError, HasSubstr("r.json: /gates/0/schema:")));
  doc = sample_doc();
  doc["properties"][0]["results"][0].erase("outcome");
  EXPECT_THAT(read_report(doc, "r.json"),
              StatusIs(ErrorCode::kSchemaError, HasSubstr("r.json: /properties/0/results/0/outcome: missing")));
  doc = sample_doc();
  doc["gates"][0].erase("source");
  EXPECT_THAT(read_report(doc, "r.json"),
              StatusIs(ErrorCode::kSchemaError, HasSubstr("r.json: /gates/0/source: missing")));
}

TEST(ReportJsonTest, RefusesMistypedReportFieldsByPointer) {
  struct Case {
    const char* pointer;
    json value;
    const char* expected;
  };
  for (const Case& c : {Case{"/title", 3, "r.json: /title: expected a string"},
                        Case{"/environment/seed", 1, "r.json: /environment/seed: expected a string"},
                        Case{"/summary/passed", "yes", "r.json: /summary/passed: expected true or false"},
                        Case{"/summary/journals/total", -1, "r.json: /summary/journals/total: must be from 0"},
                        Case{"/tests/cases/1/status", "flaky", "r.json: /tests/cases/1/status: unknown status"},
                        Case{"/tests/cases/0/failures", "x", "r.json: /tests/cases/0/failures: expected an array"},
                        Case{"/history/0/values/0", "fast", "r.json: /history/0/values/0: expected a number"},
                        Case{"/history/0/change_points/0", -2, "r.json: /history/0/change_points/0: expected an index"},
                        Case{"/journals", json::object(), "r.json: /journals: expected an array"}}) {
    json doc = sample_doc();
    doc[json::json_pointer(c.pointer)] = c.value;
    EXPECT_THAT(read_report(doc, "r.json"), StatusIs(ErrorCode::kSchemaError, HasSubstr(c.expected))) << c.pointer;
  }
  json doc = sample_doc();
  doc.erase("history");
  EXPECT_THAT(read_report(doc, "r.json"), StatusIs(ErrorCode::kSchemaError, HasSubstr("r.json: /history: missing")));
}

}  // namespace
}  // namespace gauntlet::records
