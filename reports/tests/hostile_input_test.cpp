// Hostile and careless inputs to `gauntlet report`'s readers: each case was an
// abort, a hang, two lines of message or silently accepted before.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <string>

#include "gauntlet/harness/utf8.h"
#include "gauntlet/reports/gtest_reader.h"
#include "gauntlet/harness/atomic_file.h"
#include "gauntlet/reports/report.h"
#include "gauntlet/reports/writers.h"
#include "gauntlet/harness/testing/status_matchers.h"

namespace gauntlet::reports {
namespace {

// A fresh folder for the running test under the build tree.
std::filesystem::path scratch_dir() {
  const ::testing::TestInfo* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const auto dir = std::filesystem::path(GAUNTLET_BINARY_DIR) / "reports-scratch" /
                   (std::string(info->test_suite_name()) + "." + info->name());
  std::filesystem::create_directories(dir);
  return dir;
}

Status add_text(Report& report, const std::string& name, const std::string& text) {
  auto path = scratch_dir() / name;
  EXPECT_TRUE(write_file_atomically(path, text).ok());
  return add_input(report, path);
}

void expect_error(const Error& e, ErrorCode code, const std::string& part) {
  EXPECT_EQ(e.code(), code) << e.message();
  EXPECT_NE(e.message().find(part), std::string::npos) << e.message() << " (expected: " << part << ")";
  EXPECT_EQ(e.message().find('\n'), std::string::npos) << e.message();
}

// Runs `fn` and fails when it takes longer than `limit`.
template <typename F>
auto within(std::chrono::milliseconds limit, F fn) {
  const auto start = std::chrono::steady_clock::now();
  auto result = fn();
  EXPECT_LT(std::chrono::steady_clock::now() - start, limit);
  return result;
}

TEST(HostileReportInputTest, NumberBeyondADoubleIsAParseErrorForEveryJsonKind) {
  const std::pair<const char*, const char*> docs[] = {
      {"j.json", R"({"schema":"gauntlet.journal/1","scenario":"s","passed":true,"timeline":[{"t_ms":1e400}]})"},
      {"g.json", R"({"schema":"gauntlet.gate/1","verdict":"pass","alpha":1e400,"benchmarks":[]})"},
      {"p.json", R"({"schema":"gauntlet.properties/1","results":[{"cases":-1e400}]})"},
      {"t.json", R"({"testsuites":[{"name":"s","testsuite":[{"name":"c","line":1e400}]}]})"},
  };
  for (const auto& [name, text] : docs) {
    Report r;
    Status s = add_text(r, name, text);
    ASSERT_FALSE(s.ok()) << name;
    expect_error(s.error(), ErrorCode::kParseError, std::string(name) + ":1:");  // file:line:col
    EXPECT_THAT(s, matchers::StatusIs(ErrorCode::kParseError, ::testing::HasSubstr("number overflow parsing")));
  }
}

TEST(HostileReportInputTest, DeepNestingIsRefusedNamingTheBound) {
  Report r;
  Status s = add_text(r, "deep.json", "{\"schema\":\"gauntlet.gate/1\",\"x\":" + std::string(100000, '[') + "}");
  ASSERT_FALSE(s.ok());
  expect_error(s.error(), ErrorCode::kParseError, "deep.json: nesting deeper than 128 levels");
}

TEST(HostileReportInputTest, CountsAndLinesMustBeWholeNumbers) {
  Report r;
  Status phase = add_text(r, "j.json", R"({"schema":"gauntlet.journal/1","scenario":"s","passed":true,
      "phases":[{"name":"p","start_ms":0,"end_ms":1,"completed":2.5}]})");
  ASSERT_FALSE(phase.ok());
  expect_error(phase.error(), ErrorCode::kSchemaError, "j.json: /phases/0/completed: expected a whole number");
  Status line = add_text(r, "t.json", R"({"testsuites":[{"name":"s","testsuite":[{"name":"c","line":1e300}]}]})");
  ASSERT_FALSE(line.ok());
  expect_error(line.error(), ErrorCode::kSchemaError, "/line: must be from 0 to");
  Status index = add_text(r, "g.json", R"({"schema":"gauntlet.gate/1","verdict":"pass","benchmarks":[],
      "change_points":[{"name":"a","index":1e30}]})");
  ASSERT_FALSE(index.ok());
  expect_error(index.error(), ErrorCode::kSchemaError, "/change_points/0/index: must be from 0 to");
}

TEST(HostileReportInputTest, BillionLaughsIsRefusedAtOnce) {
  std::string xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n";
  for (int i = 1; i <= 9; ++i) {
    xml += " <!ENTITY lol" + std::to_string(i) + " \"";
    for (int k = 0; k < 10; ++k) xml += "&lol" + (i == 1 ? std::string() : std::to_string(i - 1)) + ";";
    xml += "\">\n";
  }
  xml += "]>\n<testsuites><testsuite name=\"s\"><testcase name=\"&lol9;\"/></testsuite></testsuites>\n";
  auto run = within(std::chrono::milliseconds(2000), [&] { return parse_gtest_xml(xml, "lol.xml"); });
  ASSERT_FALSE(run.ok());
  expect_error(run.error(), ErrorCode::kSchemaError, "lol.xml: a DOCTYPE (DTD or entity declarations) is not part");
}

TEST(HostileReportInputTest, HundredThousandAttributesAreRefusedAtOnce) {
  std::string xml = "<testsuites><testsuite name=\"s\"><testcase name=\"c\"";
  for (int i = 0; i < 100000; ++i) xml += " a" + std::to_string(i) + "=\"1\"";
  xml += "/></testsuite></testsuites>";
  auto run = within(std::chrono::milliseconds(2000), [&] { return parse_gtest_xml(xml, "attrs.xml"); });
  ASSERT_FALSE(run.ok());
  expect_error(run.error(), ErrorCode::kSchemaError, "attrs.xml: an element has 100001 attributes; at most 256");
}

TEST(HostileReportInputTest, LibxmlErrorsAreOneLine) {
  auto run = parse_gtest_xml(
      "<?xml version=\"1.0\"?>\n<testsuites><testsuite name=\"a\xff\xfe\"></testsuite></testsuites>", "enc.xml");
  ASSERT_FALSE(run.ok());
  expect_error(run.error(), ErrorCode::kParseError, "enc.xml:2:");
  EXPECT_THAT(run, matchers::StatusIs(ErrorCode::kParseError, ::testing::HasSubstr("Bytes: 0xFF")));
}

TEST(HostileReportInputTest, InfiniteTimesAreRefused) {
  auto xml = parse_gtest_xml(
      R"(<testsuites><testsuite name="s"><testcase name="c" time="1e400"/></testsuite></testsuites>)", "t.xml");
  ASSERT_FALSE(xml.ok());
  expect_error(xml.error(), ErrorCode::kSchemaError, "time=\"1e400\" is not a time in seconds");
  auto json = parse_gtest_json(R"({"testsuites":[{"name":"s","testsuite":[{"name":"c","time":"1e400s"}]}]})", "t.json");
  ASSERT_FALSE(json.ok());
  expect_error(json.error(), ErrorCode::kSchemaError, "is not a duration");
}

TEST(HostileReportInputTest, DirectoryAndUnreadableFilesAreNotEmptyFiles) {
  Report r;
  Status dir = add_input(r, scratch_dir());
  ASSERT_FALSE(dir.ok());
  expect_error(dir.error(), ErrorCode::kInvalidArgument, "is a directory");
  Status mem = add_input(r, "/proc/self/mem");
  ASSERT_FALSE(mem.ok());
  expect_error(mem.error(), ErrorCode::kIoError, "/proc/self/mem: cannot read report input");
  EXPECT_EQ(exit_code_for(mem.error().code()), 3);
}

TEST(HostileReportInputTest, HistoryOfAFutureSchemaIsRefusedAsTheGateRefusesIt) {
  const auto db = scratch_dir() / "future.sqlite";
  std::filesystem::remove(db);
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(db.string().c_str(), &raw), SQLITE_OK);
  const std::string sql =
      "CREATE TABLE samples(run_id, benchmark, metric, repetition, value);"
      "PRAGMA user_version=" +
      std::to_string(kHistorySchemaRead + 1) + ";";
  ASSERT_EQ(sqlite3_exec(raw, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(raw);
  Report r;
  Status s = add_input(r, db);
  ASSERT_FALSE(s.ok());
  expect_error(s.error(), ErrorCode::kSchemaError,
               "history schema version " + std::to_string(kHistorySchemaRead + 1) +
                   " is newer than this gauntlet supports (" + std::to_string(kHistorySchemaRead) + ")");
}

// A gate's change points are positions in its metric's history series: a
// series of another metric, or one shorter than the index, is not marked.
TEST(HostileReportInputTest, GateChangePointsMarkOnlyTheirOwnMetricsSeries) {
  HistorySeries series{"BM_A", {1, 1, 1, 2, 2}, {}, "real_time"};
  GateInput gate;
  gate.result.metric = "real_time";
  gate.result.change_points = {
      {"BM_A", 3, "r3", 1, 2}, {"BM_A", 9, "r9", 1, 2}, {"BM_B", 1, "r1", 1, 2}, {"BM_A", 3, "r3", 1, 2}};
  GateInput other = gate;
  other.result.metric = "cpu_time";
  other.result.change_points = {{"BM_A", 1, "r1", 1, 2}};
  EXPECT_EQ(change_points_for(series, {gate, other}), std::vector<std::size_t>{3});
}

TEST(HostileReportInputTest, IllFormedUtf8NeverAbortsAWriter) {
  Report r;
  r.title = "title\xC3(";
  r.environment.emplace_back("key\xFF", "value\xC3(");
  TestCase t;
  t.name = "case\xC3(";
  t.suite = "suite\xFF";
  t.status = TestStatus::kFailed;
  t.failures.push_back("message\xED\xA0\x80");
  r.tests.cases.push_back(t);
  std::string json, html, md, junit;
  ASSERT_NO_THROW(json = write_report_json(r));
  ASSERT_NO_THROW(html = write_html(r));
  ASSERT_NO_THROW(md = write_markdown(r));
  ASSERT_NO_THROW(junit = write_junit_xml(r));
  EXPECT_TRUE(is_valid_utf8(json));
  EXPECT_TRUE(is_valid_utf8(junit)) << junit;
}

}  // namespace
}  // namespace gauntlet::reports
