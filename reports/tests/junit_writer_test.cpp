#include <gtest/gtest.h>

#include "external_tools.h"
#include "gauntlet/harness/atomic_file.h"
#include "gauntlet/reports/gtest_reader.h"
#include "gauntlet/reports/writers.h"
#include "sample_report.h"

namespace gauntlet::reports {
namespace {

using testing::data_dir;
using testing::run_shell;
using testing::scratch_dir;

// Validates with xmllint against Jenkins' junit-10.xsd; returns xmllint's output on failure.
void expect_valid_junit(const std::string& xml, const std::filesystem::path& dir) {
  GAUNTLET_REQUIRE_PROGRAM(xmllint, "xmllint");
  ASSERT_TRUE(write_file_atomically(dir / "junit.xml", xml).ok());
  auto [code, out] = run_shell("'" + xmllint + "' --noout --schema '" + (data_dir() / "junit-10.xsd").string() + "' '" +
                               (dir / "junit.xml").string() + "'");
  EXPECT_EQ(code, 0) << out;
  EXPECT_NE(out.find("validates"), std::string::npos) << out;
}

TEST(JunitWriterTest, SampleReportIsValidAgainstJenkinsXsd) {
  auto dir = scratch_dir();
  expect_valid_junit(write_junit_xml(testing::sample_report(dir)), dir);
}

TEST(JunitWriterTest, RealGtestRunIsValidAndKeepsCounts) {
  auto dir = scratch_dir();
  testing::run_sample_suite("xml", dir / "run.xml");
  Report report;
  ASSERT_TRUE(add_input(report, dir / "run.xml").ok());
  std::string xml = write_junit_xml(report);
  expect_valid_junit(xml, dir);
  // Read it back with GoogleTest's reader shape: counts survive the round trip.
  EXPECT_NE(xml.find("tests=\"13\" failures=\"2\""), std::string::npos) << xml.substr(0, 300);
}

TEST(JunitWriterTest, ControlCharactersAndBadUtf8BecomeReplacementCharacters) {
  Report report;
  TestCase t;
  t.suite = "S";
  t.name = std::string("bell\x07 and bad \xC3\x28 byte");
  t.status = TestStatus::kFailed;
  t.failures = {std::string("nul\x01 here")};
  report.tests.cases.push_back(t);
  std::string xml = write_junit_xml(report);
  EXPECT_EQ(xml.find('\x07'), std::string::npos);
  EXPECT_EQ(xml.find('\x01'), std::string::npos);
  EXPECT_NE(xml.find("bell\xEF\xBF\xBD and bad \xEF\xBF\xBD( byte"), std::string::npos) << xml;
  expect_valid_junit(xml, scratch_dir());
}

TEST(JunitWriterTest, TimesAreSecondsWithFixedDecimals) {
  Report report;
  TestCase t;
  t.suite = "S";
  t.name = "slow";
  t.time_s = 1234.5678;
  report.tests.cases.push_back(t);
  std::string xml = write_junit_xml(report);
  EXPECT_NE(xml.find("<testcase name=\"slow\" classname=\"S\" time=\"1234.568\"/>"), std::string::npos) << xml;
}

}  // namespace
}  // namespace gauntlet::reports
