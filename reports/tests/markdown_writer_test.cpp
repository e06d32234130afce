#include <gtest/gtest.h>

#include "gauntlet/reports/writers.h"

namespace gauntlet::reports {
namespace {

Report many_failures(int n, std::size_t text_bytes = 900) {
  Report report;
  for (int i = 0; i < n; ++i) {
    TestCase t;
    t.suite = "Suite";
    t.name = "Case" + std::to_string(i);
    t.status = TestStatus::kFailed;
    t.failures = {"file.cpp:" + std::to_string(i) + "\n" + std::string(text_bytes, 'x')};
    report.tests.cases.push_back(t);
  }
  return report;
}

TEST(MarkdownWriterTest, StaysUnderTheLimitAndPointsToTheHtml) {
  MarkdownOptions options;
  options.max_bytes = 20 * 1024;
  options.html_name = "report.html";
  std::string md = write_markdown(many_failures(500), options);
  EXPECT_LE(md.size(), options.max_bytes);
  EXPECT_GT(md.size(), options.max_bytes / 2);
  EXPECT_NE(md.find("the full report is `report.html`"), std::string::npos);
  EXPECT_NE(md.find("Failed tests (500)"), std::string::npos);
}

TEST(MarkdownWriterTest, DefaultLimitIsUnderOneMebibyte) {
  std::string md = write_markdown(many_failures(40000, 20));
  EXPECT_LT(md.size(), 1024u * 1024u);
  EXPECT_NE(md.find("truncated"), std::string::npos);
}

TEST(MarkdownWriterTest, SmallReportIsNotTruncated) {
  std::string md = write_markdown(many_failures(2));
  EXPECT_EQ(md.find("truncated"), std::string::npos);
  EXPECT_EQ(md.rfind("## ❌ Gauntlet report: failed", 0), 0u) << md.substr(0, 80);
}

TEST(MarkdownWriterTest, NamesCannotBreakTablesOrFences) {
  Report report;
  TestCase t;
  t.suite = "S|x";
  t.name = "<b>bold</b>";
  t.status = TestStatus::kFailed;
  t.failures = {"```\n# heading\n```"};
  report.tests.cases.push_back(t);
  std::string md = write_markdown(report);
  EXPECT_NE(md.find("<summary><code>S|x.&lt;b&gt;bold&lt;/b&gt;</code></summary>"), std::string::npos) << md;
  EXPECT_EQ(md.find("<b>"), std::string::npos);
  EXPECT_NE(md.find("````text\n```\n# heading\n```\n````"), std::string::npos) << md;
}

}  // namespace
}  // namespace gauntlet::reports
