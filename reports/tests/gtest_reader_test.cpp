#include "gauntlet/reports/gtest_reader.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "sample_runs.h"
#include "gauntlet/harness/testing/status_matchers.h"

namespace gauntlet::reports {
namespace {

using testing::run_sample_suite;
using testing::scratch_dir;

const TestCase* find_case(const TestRun& run, const std::string& suite, const std::string& name) {
  auto it = std::find_if(run.cases.begin(), run.cases.end(),
                         [&](const TestCase& c) { return c.suite == suite && c.name == name; });
  return it == run.cases.end() ? nullptr : &*it;
}

// Expected outcome of the sample suite, from its source: 6 Squares pass,
// Arith: 1 pass, 1 fail, 1 skip, 1 disabled (= skipped); Strings: 2 pass, 1 fail.
constexpr TestCounts kSampleCounts{.total = 13, .passed = 9, .failed = 2, .skipped = 2};

class GtestReaderTest : public ::testing::TestWithParam<const char*> {};

TEST_P(GtestReaderTest, ReadsRealOutput) {
  auto dir = scratch_dir();
  auto out = dir / (std::string("all.") + GetParam());
  ASSERT_NE(run_sample_suite(GetParam(), out), 0);
  Result<TestRun> run = read_gtest_file(out);
  ASSERT_TRUE(run.ok()) << run.error().to_string();
  EXPECT_EQ(count_tests(*run), kSampleCounts);

  const TestCase* fail = find_case(*run, "Arith", "FailsOnPurpose");
  ASSERT_NE(fail, nullptr);
  EXPECT_EQ(fail->status, TestStatus::kFailed);
  ASSERT_EQ(fail->failures.size(), 1u);
  EXPECT_NE(fail->failures[0].find("<script>alert(\"x\")</script> & 'quotes'"), std::string::npos) << fail->failures[0];
  EXPECT_NE(fail->file.find("sample_suite.cpp"), std::string::npos);
  EXPECT_GT(fail->line, 0);
  EXPECT_EQ(fail->source, out.string());

  const TestCase* two = find_case(*run, "Strings", "SecondFailure");
  ASSERT_NE(two, nullptr);
  ASSERT_EQ(two->failures.size(), 2u);
  EXPECT_NE(two->failures[1].find("second problem"), std::string::npos);

  const TestCase* uni = find_case(*run, "Strings", "Unicode");
  ASSERT_NE(uni, nullptr);
  EXPECT_EQ(uni->status, TestStatus::kPassed);
  ASSERT_NE(find_case(*run, "Small/Squares", "NonNegative/0"), nullptr);
  const TestCase* skip = find_case(*run, "Arith", "SkipsOnPurpose");
  ASSERT_NE(skip, nullptr);
  EXPECT_EQ(skip->status, TestStatus::kSkipped);
  const TestCase* off = find_case(*run, "Arith", "DISABLED_TurnedOff");
  ASSERT_NE(off, nullptr);
  EXPECT_EQ(off->status, TestStatus::kSkipped);
}

TEST_P(GtestReaderTest, ShardsMergeToTheUnshardedCounts) {
  auto dir = scratch_dir();
  const std::string ext = GetParam();
  Result<TestRun> whole = (run_sample_suite(ext, dir / ("whole." + ext)), read_gtest_file(dir / ("whole." + ext)));
  ASSERT_TRUE(whole.ok()) << whole.error().to_string();
  constexpr int kShards = 3;
  TestRun merged;
  int non_empty = 0;
  for (int i = 0; i < kShards; ++i) {
    auto out = dir / ("shard" + std::to_string(i) + "." + ext);
    run_sample_suite(ext, out,
                     "GTEST_TOTAL_SHARDS=" + std::to_string(kShards) + " GTEST_SHARD_INDEX=" + std::to_string(i));
    Result<TestRun> part = read_gtest_file(out);
    ASSERT_TRUE(part.ok()) << part.error().to_string();
    EXPECT_LT(count_tests(*part).total, count_tests(*whole).total) << "shard " << i << " ran everything";
    non_empty += part->cases.empty() ? 0 : 1;
    merge_into(merged, std::move(*part));
  }
  EXPECT_EQ(non_empty, kShards);
  EXPECT_EQ(count_tests(merged), count_tests(*whole));
  EXPECT_EQ(merged.sources.size(), static_cast<std::size_t>(kShards));
  // Same set of cases, each exactly once.
  auto key = [](const TestCase& c) { return c.suite + "." + c.name + ":" + to_string(c.status); };
  std::vector<std::string> a, b;
  for (const TestCase& c : whole->cases) a.push_back(key(c));
  for (const TestCase& c : merged.cases) b.push_back(key(c));
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  EXPECT_EQ(a, b);
}

INSTANTIATE_TEST_SUITE_P(Formats, GtestReaderTest, ::testing::Values("xml", "json"));

TEST(GtestReaderTest, XmlAndJsonAgree) {
  auto dir = scratch_dir();
  run_sample_suite("xml", dir / "r.xml");
  run_sample_suite("json", dir / "r.json");
  Result<TestRun> x = read_gtest_file(dir / "r.xml");
  Result<TestRun> j = read_gtest_file(dir / "r.json");
  ASSERT_TRUE(x.ok() && j.ok());
  ASSERT_EQ(x->cases.size(), j->cases.size());
  for (std::size_t i = 0; i < x->cases.size(); ++i) {
    EXPECT_EQ(x->cases[i].suite, j->cases[i].suite);
    EXPECT_EQ(x->cases[i].name, j->cases[i].name);
    EXPECT_EQ(x->cases[i].status, j->cases[i].status);
    EXPECT_EQ(x->cases[i].failures, j->cases[i].failures);
  }
}

TEST(GtestReaderErrors, MalformedXmlNamesFileAndLine) {
  Result<TestRun> r =
      parse_gtest_xml("<testsuites>\n<testsuite name=\"a\">\n<testcase name=\"x\"\n</testsuites>", "bad.xml");
  ASSERT_THAT(r, matchers::StatusIs(ErrorCode::kParseError));
  EXPECT_EQ(r.error().message().rfind("bad.xml:4:", 0), 0u) << r.error().message();
  EXPECT_EQ(r.error().message().find('\n'), std::string::npos);
}

TEST(GtestReaderErrors, WrongRootIsSchemaError) {
  Result<TestRun> r = parse_gtest_xml("<?xml version=\"1.0\"?>\n<html/>", "page.xml");
  ASSERT_THAT(r, matchers::StatusIs(ErrorCode::kSchemaError));
  EXPECT_EQ(r.error().message(), "page.xml:2: root element is <html>, expected GoogleTest's <testsuites>");
}

TEST(GtestReaderErrors, BadTimeIsSchemaErrorWithLine) {
  Result<TestRun> r = parse_gtest_xml(
      "<testsuites>\n <testsuite name=\"s\">\n  <testcase name=\"t\" time=\"soon\"/>\n </testsuite>\n</testsuites>",
      "t.xml");
  ASSERT_THAT(r, matchers::StatusIs(ErrorCode::kSchemaError));
  EXPECT_EQ(r.error().message(), "t.xml:3: attribute time=\"soon\" is not a time in seconds");
}

TEST(GtestReaderErrors, JsonErrorsNameThePointer) {
  Result<TestRun> r = parse_gtest_json(R"({"testsuites":[{"name":"s","testsuite":[{"time":"1s"}]}]})", "r.json");
  ASSERT_THAT(r, matchers::StatusIs(ErrorCode::kSchemaError));
  EXPECT_EQ(r.error().message(), "r.json: /testsuites/0/testsuite/0/name: missing (expected a string)");

  Result<TestRun> p = parse_gtest_json("{\"testsuites\": [", "cut.json");
  ASSERT_THAT(p, matchers::StatusIs(ErrorCode::kParseError));
  EXPECT_EQ(p.error().message().rfind("cut.json:1:17: syntax error", 0), 0u) << p.error().message();

  Result<TestRun> o = parse_gtest_json(R"({"benchmarks": []})", "bench.json");
  ASSERT_THAT(o, matchers::StatusIs(ErrorCode::kSchemaError));
}

TEST(GtestReaderErrors, MissingFileIsNotFound) {
  Result<TestRun> r = read_gtest_file(scratch_dir() / "absent.xml");
  ASSERT_THAT(r, matchers::StatusIs(ErrorCode::kNotFound));
}

}  // namespace
}  // namespace gauntlet::reports
