#include "gauntlet/ci/benchmark_file.h"

#include <gtest/gtest.h>

#include "gauntlet/harness/testing/status_matchers.h"

#include <cmath>
#include <string>

namespace gauntlet::ci {
namespace {

std::string data(const std::string& name) { return std::string(GAUNTLET_SOURCE_DIR) + "/ci/tests/data/" + name; }

const BenchmarkRow* find(const BenchmarkFile& f, const std::string& name) {
  for (const auto& r : f.rows)
    if (r.name == name) return &r;
  return nullptr;
}

TEST(BenchmarkJsonReaderTest, ReadsContextWhole) {
  auto f = read_benchmark_file(data("full_run.json"));
  ASSERT_TRUE(f.ok()) << f.error().message();
  const BenchmarkContext& c = f->context;
  EXPECT_EQ(c.host_name, "ci-runner-1");
  EXPECT_EQ(c.num_cpus, 2);
  EXPECT_DOUBLE_EQ(c.mhz_per_cpu, 2400);
  ASSERT_TRUE(c.cpu_scaling_enabled.has_value());
  EXPECT_FALSE(*c.cpu_scaling_enabled);
  ASSERT_EQ(c.caches.size(), 2u);
  EXPECT_EQ(c.caches[1].type, "Unified");
  EXPECT_EQ(c.caches[1].size, 1048576);
  EXPECT_EQ(c.load_avg.size(), 3u);
  EXPECT_EQ(c.library_build_type, "release");
  EXPECT_EQ(c.extra.at("commit"), "abc123");
}

TEST(BenchmarkJsonReaderTest, ReadsInterleavedRepetitionsInFileOrderWithUnitsInNanos) {
  auto f = read_benchmark_file(data("full_run.json"));
  ASSERT_TRUE(f.ok());
  ASSERT_EQ(f->rows.size(), 10u);
  EXPECT_EQ(f->rows[0].run_name, "BM_Sort/1024");
  EXPECT_EQ(f->rows[1].run_name, "BM_Hash/threads:2");  // interleaved
  EXPECT_EQ(f->rows[2].repetition_index, 1);
  EXPECT_DOUBLE_EQ(f->rows[0].real_time_ns, 1500.0);  // us
  EXPECT_DOUBLE_EQ(f->rows[1].real_time_ns, 2.0e6);   // ms
  EXPECT_EQ(f->rows[1].threads, 2);
  EXPECT_EQ(f->rows[0].family_index, 0);
  EXPECT_EQ(f->rows[0].per_family_instance_index, 0);
  EXPECT_EQ(f->rows[0].time_unit, "us");
  const BenchmarkRow* label = find(*f, "BM_Label \"NaN\" Infinity");
  ASSERT_NE(label, nullptr);
  EXPECT_DOUBLE_EQ(label->real_time_ns, 5e9);  // seconds
}

TEST(BenchmarkJsonReaderTest, UserCountersIncludingBareNonFiniteTokens) {
  auto f = read_benchmark_file(data("full_run.json"));
  ASSERT_TRUE(f.ok());
  EXPECT_DOUBLE_EQ(f->rows[0].counters.at("items_per_second"), 6.8e8);
  EXPECT_TRUE(std::isnan(f->rows[0].counters.at("ratio")));
  EXPECT_TRUE(std::isinf(f->rows[1].counters.at("peak")) && f->rows[1].counters.at("peak") > 0);
  EXPECT_TRUE(std::isinf(f->rows[1].counters.at("trough")) && f->rows[1].counters.at("trough") < 0);
  EXPECT_EQ(f->rows[0].counters.count("label"), 0u);
}

TEST(BenchmarkJsonReaderTest, AggregatesErrorsBigOAndRms) {
  auto f = read_benchmark_file(data("full_run.json"));
  ASSERT_TRUE(f.ok());
  const BenchmarkRow* mean = find(*f, "BM_Sort/1024/repeats:3_mean");
  ASSERT_NE(mean, nullptr);
  EXPECT_EQ(mean->run_type, RunType::kAggregate);
  EXPECT_EQ(mean->aggregate_name, "mean");
  EXPECT_DOUBLE_EQ(mean->real_time_ns, 1550.0);
  const BenchmarkRow* cv = find(*f, "BM_Sort/1024/repeats:3_cv");
  ASSERT_NE(cv, nullptr);
  EXPECT_DOUBLE_EQ(cv->real_time_ns, 0.0322);  // a fraction, not scaled
  const BenchmarkRow* broken = find(*f, "BM_Broken");
  ASSERT_NE(broken, nullptr);
  EXPECT_TRUE(broken->errored);
  EXPECT_EQ(broken->message, "resource \"db\" unavailable");
  const BenchmarkRow* big_o = find(*f, "BM_Grow_BigO");
  ASSERT_NE(big_o, nullptr);
  EXPECT_EQ(big_o->big_o, "N^2");
  EXPECT_DOUBLE_EQ(big_o->real_time_ns, 2.6);
  const BenchmarkRow* rms = find(*f, "BM_Grow_RMS");
  ASSERT_NE(rms, nullptr);
  EXPECT_DOUBLE_EQ(rms->rms, 0.03);
}

TEST(BenchmarkJsonReaderTest, RunNameDerivedWhenOlderOutputLacksIt) {
  auto f = parse_benchmark_json(R"({"benchmarks": [{"name": "BM_A/8_median", "run_type": "aggregate",
    "aggregate_name": "median", "real_time": 3, "cpu_time": 3, "time_unit": "ns"}]})",
                                "old.json");
  ASSERT_TRUE(f.ok()) << f.error().message();
  EXPECT_EQ(f->rows[0].run_name, "BM_A/8");
}

TEST(BenchmarkJsonReaderTest, SkippedWithMessage) {
  auto f = parse_benchmark_json(R"({"benchmarks": [{"name": "BM_S", "run_name": "BM_S", "run_type": "iteration",
    "skipped": true, "skip_message": "no GPU", "iterations": 0, "real_time": 0, "cpu_time": 0, "time_unit": "ns"}]})",
                                "s.json");
  ASSERT_TRUE(f.ok());
  EXPECT_TRUE(f->rows[0].skipped);
  EXPECT_EQ(f->rows[0].message, "no GPU");
}

TEST(BenchmarkJsonReaderTest, TruncatedFileNamesFileLineAndColumn) {
  auto f = read_benchmark_file(data("truncated.json"));
  ASSERT_THAT(f, matchers::StatusIs(ErrorCode::kParseError));
  const std::string& m = f.error().message();
  EXPECT_NE(m.find("truncated.json:"), std::string::npos) << m;
  // The file stops inside line 35; the message points there.
  EXPECT_NE(m.find(":35:"), std::string::npos) << m;
  EXPECT_EQ(m.find('\n'), std::string::npos);
}

TEST(BenchmarkJsonReaderTest, ColumnOfASyntaxError) {
  auto f = parse_benchmark_json("{\n  \"benchmarks\": [\n    {\"name\": ,}\n  ]\n}", "bad.json");
  ASSERT_THAT(f, matchers::StatusIs(ErrorCode::kParseError));
  EXPECT_EQ(f.error().message().rfind("bad.json:3:14: ", 0), 0u) << f.error().message();
}

TEST(BenchmarkJsonReaderTest, NonFiniteTokenKeepsColumnsOfLaterErrors) {
  // "NaN" is rewritten to a same-length literal, so the error column stays true.
  auto f = parse_benchmark_json("{\"benchmarks\": [NaN, x]}", "n.json");
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.error().message().rfind("n.json:1:22: ", 0), 0u) << f.error().message();
}

TEST(BenchmarkJsonReaderTest, WrongShapeIsSchemaErrorNamingTheField) {
  auto f = read_benchmark_file(data("wrong_type.json"));
  EXPECT_THAT(f,
              matchers::StatusIs(ErrorCode::kSchemaError,
                                 ::testing::HasSubstr("wrong_type.json: benchmarks[0].real_time: expected a number")));
  auto no_rows = parse_benchmark_json(R"({"context": {}})", "ctx.json");
  ASSERT_THAT(no_rows, matchers::StatusIs(ErrorCode::kSchemaError));
  auto unit = parse_benchmark_json(R"({"benchmarks": [{"name": "a", "real_time": 1, "time_unit": "fortnight"}]})", "u");
  EXPECT_THAT(unit, matchers::StatusIs(ErrorCode::kSchemaError, ::testing::HasSubstr("time_unit")));
}

TEST(BenchmarkJsonReaderTest, EmptyAndMissingFiles) {
  auto empty = parse_benchmark_json("  \n", "empty.json");
  EXPECT_THAT(empty, matchers::StatusIs(ErrorCode::kParseError, ::testing::HasSubstr("empty.json:1:1: empty file")));
  auto missing = read_benchmark_file(data("no_such_file.json"));
  ASSERT_THAT(missing, matchers::StatusIs(ErrorCode::kNotFound));
}

}  // namespace
}  // namespace gauntlet::ci
