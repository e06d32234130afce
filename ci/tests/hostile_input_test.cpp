// Hostile and careless input to the ci component's readers: each case was an
// abort, a hang or silently accepted garbage before; now a specific error.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "gauntlet/ci/benchmark_file.h"
#include "gauntlet/ci/gate_config.h"
#include "gauntlet/ci/gate_reporters.h"
#include "gauntlet/ci/history.h"
#include "gauntlet/ci/journal_latencies.h"
#include "gauntlet/harness/clock.h"
#include "gauntlet/harness/utf8.h"
#include "gauntlet/harness/testing/status_matchers.h"
#include "gauntlet/records/gate_result_json.h"
#include "gauntlet/records/history_series.h"

namespace gauntlet::ci {
using records::BudgetCheck;
using records::GateResult;
using records::HistoryChangePoint;

namespace {

namespace fs = std::filesystem;

std::string one_row(const std::string& fields) {
  return R"({"benchmarks": [{"name": "BM_A", "run_type": "iteration", )" + fields + "}]}";
}

void expect_error(const Error& e, ErrorCode code, const std::string& part) {
  EXPECT_EQ(e.code(), code) << e.message();
  EXPECT_NE(e.message().find(part), std::string::npos) << e.message() << " (expected: " << part << ")";
  EXPECT_EQ(e.message().find('\n'), std::string::npos) << e.message();
}

TEST(HostileBenchmarkJsonTest, NumberBeyondADoubleIsAParseErrorNamingThePlace) {
  auto f = parse_benchmark_json(one_row(R"("real_time": 1e400, "cpu_time": 1)"), "big.json");
  ASSERT_FALSE(f.ok());
  expect_error(f.error(), ErrorCode::kParseError, "big.json:1:72: number overflow parsing '1e400'");
}

TEST(HostileBenchmarkJsonTest, WrongTypesInTheContextCachesAreSchemaErrors) {
  auto big = parse_benchmark_json(
      R"({"context": {"caches": [{"size": "big"}]}, )" + one_row("\"real_time\": 1").substr(1), "c.json");
  ASSERT_FALSE(big.ok());
  expect_error(big.error(), ErrorCode::kSchemaError, "c.json: context.caches[0].size: expected a whole number");
  auto null =
      parse_benchmark_json(R"({"context": {"caches": [null]}, )" + one_row("\"real_time\": 1").substr(1), "n.json");
  ASSERT_FALSE(null.ok());
  expect_error(null.error(), ErrorCode::kSchemaError, "n.json: context.caches[0]: expected an object");
  auto level = parse_benchmark_json(
      R"({"context": {"caches": [{"level": 1e300}]}, )" + one_row("\"real_time\": 1").substr(1), "l.json");
  ASSERT_FALSE(level.ok());
  expect_error(level.error(), ErrorCode::kSchemaError, "context.caches[0].level: must be from 0 to 16");
  auto cpus =
      parse_benchmark_json(R"({"context": {"num_cpus": 2.5}, )" + one_row("\"real_time\": 1").substr(1), "p.json");
  ASSERT_FALSE(cpus.ok());
  expect_error(cpus.error(), ErrorCode::kSchemaError, "context.num_cpus: expected a whole number");
}

TEST(HostileBenchmarkJsonTest, IntegersMustBeIntegers) {
  auto f = parse_benchmark_json(one_row(R"("real_time": 1, "iterations": 6.5)"), "i.json");
  ASSERT_FALSE(f.ok());
  expect_error(f.error(), ErrorCode::kSchemaError, "i.json: benchmarks[0].iterations: expected a whole number");
  auto huge = parse_benchmark_json(one_row(R"("real_time": 1, "repetitions": 1e30)"), "h.json");
  ASSERT_FALSE(huge.ok());
  expect_error(huge.error(), ErrorCode::kSchemaError, "benchmarks[0].repetitions: must be from -1 to");
  auto ok = parse_benchmark_json(one_row(R"("real_time": 1, "iterations": 100.0, "threads": 2)"), "ok.json");
  ASSERT_TRUE(ok.ok()) << ok.error().message();
  EXPECT_EQ(ok->rows[0].iterations, 100);
}

TEST(HostileBenchmarkJsonTest, NegativeOrZeroTimesAreRefusedNotImprovements) {
  for (const char* fields : {R"("real_time": -5, "cpu_time": 1)", R"("real_time": 0, "cpu_time": 1)",
                             R"("real_time": 5, "cpu_time": -1)", R"("real_time": 5, "cpu_time": 0)"}) {
    auto f = parse_benchmark_json(one_row(fields), "t.json");
    ASSERT_FALSE(f.ok()) << fields;
    expect_error(f.error(), ErrorCode::kSchemaError, "must be a finite time > 0");
  }
  auto inf = parse_benchmark_json(one_row(R"("real_time": Infinity)"), "inf.json");
  ASSERT_FALSE(inf.ok());
  expect_error(inf.error(), ErrorCode::kSchemaError, "inf.json: benchmarks[0].real_time: must be a finite time > 0");
  // An errored or skipped row carries no measurement: zeros there are Google Benchmark's.
  auto errored = parse_benchmark_json(one_row(R"("real_time": 0, "cpu_time": 0, "error_occurred": true)"), "e.json");
  EXPECT_TRUE(errored.ok()) << errored.error().message();
}

TEST(HostileBenchmarkJsonTest, EmptyBenchmarksArrayIsRefused) {
  auto f = parse_benchmark_json(R"({"context": {}, "benchmarks": []})", "empty.json");
  ASSERT_FALSE(f.ok());
  expect_error(f.error(), ErrorCode::kSchemaError, "empty.json: benchmarks: empty");
}

TEST(HostileBenchmarkJsonTest, DeepNestingIsRefusedNamingTheBound) {
  const std::string deep = R"({"benchmarks": [{"name": "a", "real_time": 1, "x": )" + std::string(5000, '[') +
                           std::string(5000, ']') + "}]}";
  auto f = parse_benchmark_json(deep, "deep.json");
  ASSERT_FALSE(f.ok());
  expect_error(f.error(), ErrorCode::kParseError, "deep.json: nesting deeper than 128 levels");
}

TEST(HostileBenchmarkJsonTest, ReadingADirectoryOrADeviceIsBadInput) {
  auto dir = read_benchmark_file(fs::temp_directory_path().string());
  ASSERT_FALSE(dir.ok());
  expect_error(dir.error(), ErrorCode::kInvalidArgument, "is a directory");
  auto zero = read_benchmark_file("/dev/zero");
  ASSERT_FALSE(zero.ok());
  expect_error(zero.error(), ErrorCode::kInvalidArgument, "/dev/zero: benchmark file is a character device");
}

TEST(HostileJournalTest, NumberBeyondADoubleInAJournalIsAParseError) {
  auto j = parse_journal_latencies(R"({"schema": "gauntlet.journal/1", "scenario": "s",
                                      "phases": [{"name": "p", "p99_ms": 1e400}]})",
                                   "j.json");
  ASSERT_FALSE(j.ok());
  expect_error(j.error(), ErrorCode::kParseError, "j.json:2:74: number overflow");
}

// Found by fuzz_journal_latencies (ci/fuzz/regressions/journal_latencies/):
// a schema that is not a string once threw type_error.302 out of the reader.
TEST(HostileJournalTest, SchemaThatIsNotAStringIsASchemaError) {
  for (const char* doc : {R"({"schema": 0})", R"({"schema": null})", R"({"schema": ["gauntlet.journal/1"]})"}) {
    auto j = parse_journal_latencies(doc, "j.json");
    ASSERT_FALSE(j.ok()) << doc;
    expect_error(j.error(), ErrorCode::kSchemaError, "j.json: /schema: expected \"gauntlet.journal/1\"");
  }
}

TEST(HostileGateConfigTest, RepeatedKeysAreRefused) {
  auto c = parse_gate_config("alpha: 0.1\nalpha: 0.2\n", "g.yaml");
  ASSERT_FALSE(c.ok());
  expect_error(c.error(), ErrorCode::kSchemaError, "g.yaml:2:1: alpha: appears twice");
  auto nested = parse_gate_config("budgets:\n  operations:\n    op: {p99_ms: 1, p99_ms: 2}\n", "b.yaml");
  ASSERT_FALSE(nested.ok());
  expect_error(nested.error(), ErrorCode::kSchemaError, "budgets.operations.op.p99_ms: appears twice");
}

TEST(HostileGateConfigTest, FractionalCountsAreRefused) {
  auto c = parse_gate_config("min_repetitions: 2.5\n", "g.yaml");
  ASSERT_FALSE(c.ok());
  expect_error(c.error(), ErrorCode::kSchemaError, "g.yaml:1:18: min_repetitions: expected a whole number, got 2.5");
  auto r = parse_gate_config("bootstrap_resamples: 1000.5\n", "g.yaml");
  ASSERT_FALSE(r.ok());
  expect_error(r.error(), ErrorCode::kSchemaError, "bootstrap_resamples: expected a whole number");
}

TEST(HostileGateConfigTest, DeepNestingNamesTheBoundNotBadFile) {
  auto c = parse_gate_config("a: " + std::string(20000, '[') + std::string(20000, ']') + "\n", "deep.yaml");
  ASSERT_FALSE(c.ok());
  expect_error(c.error(), ErrorCode::kParseError, "nesting deeper than");
  EXPECT_EQ(c.error().message().find("bad file"), std::string::npos) << c.error().message();
}

TEST(HostileGateConfigTest, DirectoryIsNotAnEmptyConfig) {
  auto c = read_gate_config(fs::temp_directory_path().string());
  ASSERT_FALSE(c.ok());
  expect_error(c.error(), ErrorCode::kInvalidArgument, "gate config is a directory");
}

TEST(HostileGateConfigTest, OperationNameThatIsNotUtf8IsRefused) {
  auto c = parse_gate_config("budgets:\n  operations:\n    op\xC3(: {p99_ms: 1}\n", "u.yaml");
  ASSERT_FALSE(c.ok());
  expect_error(c.error(), ErrorCode::kSchemaError, "not valid UTF-8");
}

TEST(HostileGateJsonTest, IllFormedUtf8IsReplacedNotAnAbort) {
  GateResult r;
  r.baseline_source = "base\xC3(.json";
  r.budgets.push_back(BudgetCheck{});
  r.budgets.back().operation = "op\xFF";
  r.change_points.push_back(HistoryChangePoint{});
  r.change_points.back().revision = "\xC3(";
  std::string json;
  ASSERT_NO_THROW(json = records::gate_result_json(r));
  EXPECT_TRUE(is_valid_utf8(json));
  EXPECT_NE(json.find("base\xEF\xBF\xBD(.json"), std::string::npos);
}

class HostileHistoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = (fs::temp_directory_path() / ("gauntlet_hostile_history_" + std::to_string(::getpid()) + ".sqlite")).string();
  }
  void TearDown() override {
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db_ + suffix);
  }
  std::string db_;
};

TEST_F(HostileHistoryTest, RevisionThatIsNotUtf8IsRefusedAndNothingRecorded) {
  auto h = records::open_history(db_);
  ASSERT_TRUE(h.ok()) << h.error().message();
  auto file = parse_benchmark_json(one_row(R"("real_time": 5, "cpu_time": 5)"), "run.json");
  ASSERT_TRUE(file.ok());
  auto id = (*h)->record_run(history_run(*file, "\xC3(", ""), RealClock::instance());
  ASSERT_FALSE(id.ok());
  expect_error(id.error(), ErrorCode::kInvalidArgument, "revision is not valid UTF-8 (ill-formed byte at offset 0)");
  auto label = (*h)->record_run(history_run(*file, "abc", "lab\xFF"), RealClock::instance());
  ASSERT_FALSE(label.ok());
  expect_error(label.error(), ErrorCode::kInvalidArgument, "label is not valid UTF-8");
  auto runs = (*h)->runs(10);
  ASSERT_TRUE(runs.ok());
  EXPECT_TRUE(runs->empty());
}

TEST_F(HostileHistoryTest, IllFormedTextAlreadyStoredIsRepairedOnRead) {
  {
    auto h = records::open_history(db_);
    ASSERT_TRUE(h.ok());
    auto file = parse_benchmark_json(one_row(R"("real_time": 5, "cpu_time": 5)"), "run.json");
    ASSERT_TRUE(file.ok());
    ASSERT_TRUE((*h)->record_run(history_run(*file, "good", ""), RealClock::instance()).ok());
  }
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(db_.c_str(), &raw), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(raw, "UPDATE runs SET git_revision = CAST(X'C328' AS TEXT)", nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(raw);
  auto h = records::open_history(db_);
  ASSERT_TRUE(h.ok());
  auto series = records::history_series(**h, "BM_A", "real_time");
  ASSERT_TRUE(series.ok());
  ASSERT_EQ(series->points.size(), 1u);
  EXPECT_EQ(series->points[0].git_revision, "\xEF\xBF\xBD(");
}

TEST_F(HostileHistoryTest, AFileThatIsNotADatabaseIsBadInputNotAnIoFailure) {
  std::ofstream(db_) << std::string(4096, 'x');
  auto h = records::open_history(db_);
  ASSERT_THAT(h, matchers::StatusIs(ErrorCode::kSchemaError)) << h.error().message();
  EXPECT_EQ(exit_code_for(h.error().code()), 2);
}

}  // namespace
}  // namespace gauntlet::ci
