// Approval tests: the machine formats for the sample inputs, byte for byte.
#include <gtest/gtest.h>

#include "gauntlet/reports/writers.h"
#include "gauntlet/harness/testing/golden_file.h"
#include "sample_report.h"

namespace gauntlet::reports {
namespace {

using ::gauntlet::testing::expect_matches_golden;
using testing::sample_report;
using testing::scratch_dir;

TEST(WritersGoldenTest, JunitXml) {
  expect_matches_golden(write_junit_xml(sample_report(scratch_dir())), "reports/tests/golden/sample.junit.xml");
}

TEST(WritersGoldenTest, Markdown) {
  MarkdownOptions options;
  options.html_name = "report.html";
  expect_matches_golden(write_markdown(sample_report(scratch_dir()), options), "reports/tests/golden/sample.md");
}

TEST(WritersGoldenTest, ReportJson) {
  expect_matches_golden(write_report_json(sample_report(scratch_dir())), "reports/tests/golden/sample.report.json");
}

}  // namespace
}  // namespace gauntlet::reports
