// A report is also an input: the reports of several CI jobs merge into one,
// and a report read back from its own JSON says everything the original said.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "gauntlet/harness/atomic_file.h"
#include "gauntlet/harness/testing/status_matchers.h"
#include "gauntlet/reports/report.h"
#include "gauntlet/reports/writers.h"
#include "sample_report.h"

namespace gauntlet::reports {
namespace {

using matchers::IsOk;
using matchers::StatusIs;
using ::testing::HasSubstr;
using testing::sample_report;
using testing::scratch_dir;

std::filesystem::path write(const std::filesystem::path& path, const std::string& text) {
  EXPECT_THAT(write_file_atomically(path, text), IsOk());
  return path;
}

TEST(ReportInputTest, AReportReadBackWritesTheSameReport) {
  const std::filesystem::path scratch = scratch_dir();
  const Report original = sample_report(scratch);
  const std::string json = write_report_json(original);
  Report back;
  back.title = original.title;
  ASSERT_THAT(add_input(back, write(scratch / "report.json", json)), IsOk());
  EXPECT_EQ(back.environment, original.environment);
  EXPECT_EQ(write_report_json(back), json);
  EXPECT_EQ(write_markdown(back), write_markdown(original));
  EXPECT_EQ(write_junit_xml(back), write_junit_xml(original));
  EXPECT_EQ(write_html(back), write_html(original));
}

TEST(ReportInputTest, ReportsOfSeveralJobsMergeIntoOne) {
  const std::filesystem::path scratch = scratch_dir();
  const Report all = sample_report(scratch);
  // Job 1 ran the tests and the property suites, job 2 the chaos scenarios and the gate.
  Report job1, job2;
  job1.environment = {{"job", "unit"}, {"commit", "0123abc"}};
  job2.environment = {{"job", "chaos"}, {"runner", "linux-x64 <ci>"}};
  job1.tests = all.tests;
  job1.properties = all.properties;
  job2.journals = all.journals;
  job2.gates = all.gates;
  job2.history = all.history;
  Report merged;
  merged.title = "All jobs";
  ASSERT_THAT(add_input(merged, write(scratch / "job1.json", write_report_json(job1))), IsOk());
  ASSERT_THAT(add_input(merged, write(scratch / "job2.json", write_report_json(job2))), IsOk());
  EXPECT_EQ(summarize(merged), summarize(all));
  // A JSON object's keys come back sorted; the first job's value of a key wins.
  EXPECT_EQ(merged.environment, (std::vector<std::pair<std::string, std::string>>{
                                    {"commit", "0123abc"}, {"job", "unit"}, {"runner", "linux-x64 <ci>"}}));
  ASSERT_EQ(merged.journals.size(), all.journals.size());
  for (std::size_t i = 0; i < all.journals.size(); ++i) {
    EXPECT_EQ(merged.journals[i].source, all.journals[i].source);
    // Compared as written: a figure the journal lacks is NaN, never equal to itself.
    EXPECT_EQ(records::journal_json(merged.journals[i].record), records::journal_json(all.journals[i].record));
  }
  EXPECT_EQ(merged.gates.at(0).source, all.gates.at(0).source);
  EXPECT_EQ(merged.tests, all.tests);
}

TEST(ReportInputTest, TheFirstVersionIsRefusedNamingTheFileAndSchema) {
  const std::filesystem::path file =
      write(scratch_dir() / "old.json", R"({"schema": "gauntlet.report/1", "title": "t", "journals": []})");
  Report report;
  EXPECT_THAT(
      add_input(report, file),
      StatusIs(ErrorCode::kSchemaError, HasSubstr("old.json: /schema: \"gauntlet.report/1\" is not supported")));
}

TEST(ReportInputTest, AnEmbeddedRecordsErrorPointsIntoTheReport) {
  const std::filesystem::path scratch = scratch_dir();
  std::string json = write_report_json(sample_report(scratch));
  const std::string from = "\"schema\": \"gauntlet.gate/1\"";
  ASSERT_NE(json.find(from), std::string::npos);
  json.replace(json.find(from), from.size(), "\"schema\": \"gauntlet.gate/7\"");
  Report report;
  EXPECT_THAT(add_input(report, write(scratch / "bad.json", json)),
              StatusIs(ErrorCode::kSchemaError, HasSubstr("bad.json: /gates/0/schema: \"gauntlet.gate/7\"")));
}

}  // namespace
}  // namespace gauntlet::reports
