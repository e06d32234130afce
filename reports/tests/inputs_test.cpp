// Readers of the producers' records and input recognition.
#include <gtest/gtest.h>

#include "gauntlet/reports/writers.h"

#include <nlohmann/json.hpp>

#include <sqlite3.h>

#include "gauntlet/harness/atomic_file.h"
#include "gauntlet/reports/report.h"
#include "sample_report.h"
#include "gauntlet/harness/testing/status_matchers.h"

namespace gauntlet::reports {
namespace {

using matchers::StatusIs;
using ::testing::HasSubstr;

using testing::data_dir;
using testing::scratch_dir;

Status add_text(Report& report, const std::string& name, const std::string& text) {
  auto path = scratch_dir() / name;
  EXPECT_TRUE(write_file_atomically(path, text).ok());
  return add_input(report, path);
}

TEST(InputsTest, RecognisesEveryKindByContent) {
  Report r = testing::sample_report(scratch_dir());
  EXPECT_EQ(r.tests.cases.size(), 4u);
  ASSERT_EQ(r.journals.size(), 2u);
  ASSERT_EQ(r.gates.size(), 1u);
  ASSERT_EQ(r.properties.size(), 1u);
  ASSERT_EQ(r.history.size(), 4u);

  // The journals the chaos runner wrote for two built-in scenarios
  // (fixtures/chaos_scenarios/tests/golden/), read through records.
  const ChaosJournal& j = r.journals[0];
  EXPECT_EQ(j.scenario, "gradual_failure");
  EXPECT_EQ(j.seed, 42u);
  EXPECT_FALSE(j.passed);
  EXPECT_EQ(j.replay, "gauntlet chaos run gradual_failure --variant no_breaker --seed 42 --time virtual");
  EXPECT_EQ(j.samples.size(), 600u);
  EXPECT_DOUBLE_EQ(j.samples[0].t_s, 0.1);
  EXPECT_DOUBLE_EQ(j.duration_s, 60.0);
  EXPECT_TRUE(j.breaker_bands.empty());  // the chain without a breaker
  ASSERT_EQ(j.faults.size(), 1u);        // the schedule's windows, not phases
  EXPECT_EQ(j.faults[0].label, "ramp");
  EXPECT_EQ(j.faults[0].point, "chain.c");
  EXPECT_DOUBLE_EQ(j.faults[0].start_s, 10.0);
  EXPECT_DOUBLE_EQ(j.faults[0].end_s, 50.0);
  ASSERT_EQ(j.phases.size(), 3u);
  EXPECT_EQ(j.phases[1].name, "fault");
  EXPECT_EQ(j.time_mode, "virtual");
  EXPECT_FALSE(j.wall_seconds.has_value());
  ASSERT_EQ(j.fault_activity.size(), 1u);
  EXPECT_EQ(j.fault_activity[0].fires, 2000u);
  ASSERT_EQ(j.hypotheses.size(), 4u);
  EXPECT_TRUE(j.hypotheses[0].held);
  EXPECT_FALSE(j.hypotheses[1].held);  // no breaker opens
  EXPECT_NE(j.hypotheses[1].name.find("breaker c opens within 20000 ms"), std::string::npos) << j.hypotheses[1].name;
  // Breakers b and c of the healthy chain open during the outage at 10 s.
  const ChaosJournal& outage = r.journals[1];
  EXPECT_TRUE(outage.passed);
  const BreakerBand* first_open = nullptr;
  for (const BreakerBand& b : outage.breaker_bands)
    if (b.breaker == "c" && b.state == "open" && first_open == nullptr) first_open = &b;
  ASSERT_NE(first_open, nullptr);
  EXPECT_DOUBLE_EQ(first_open->start_s, 10.09);

  // The gate's record as the gate wrote it (ci/tests/golden/gate.json).
  const records::GateResult& gate = r.gates[0].result;
  EXPECT_EQ(r.gates[0].source, testing::kGateGolden.string());
  const records::BenchmarkComparison& reg = gate.benchmarks[0];
  EXPECT_EQ(reg.name, "BM_HistogramObserve");
  EXPECT_EQ(reg.verdict, records::Verdict::kRegressed);
  EXPECT_NEAR(reg.ratio, 1.30, 0.01);
  ASSERT_EQ(gate.budgets.size(), 2u);
  EXPECT_EQ(gate.budgets[1].quantile, "p99");
  EXPECT_TRUE(gate.budgets[1].breached);
  EXPECT_DOUBLE_EQ(gate.budgets[1].measured_ns, 23400000.0);
  ASSERT_EQ(gate.change_points.size(), 2u);
  EXPECT_EQ(gate.change_points[0].index, 15u);
  EXPECT_EQ(gate.rerun,
            "gauntlet gate --baseline baseline.json --current current.json --config gate.yaml --history history.sqlite "
            "--seed 1");
  EXPECT_EQ(r.properties[0].results[0].counterexample.size(), 1u);

  const HistorySeries* h = nullptr;
  for (const HistorySeries& s : r.history) h = s.benchmark == "BM_HistogramObserve" ? &s : h;
  ASSERT_NE(h, nullptr);
  ASSERT_EQ(h->values.size(), 20u);  // one median per run, real_time only
  EXPECT_NEAR(h->values.front(), 18.0, 18.0 * 0.03);
  EXPECT_NEAR(h->values.back(), 23.4, 23.4 * 0.03);

  ReportSummary s = summarize(r);
  EXPECT_FALSE(s.passed);
  EXPECT_EQ(s.tests.failed, 2);
  EXPECT_EQ(s.journals_failed, 1);
  EXPECT_EQ(s.benchmarks_regressed, 1);
  EXPECT_EQ(s.budgets_failed, 1);
  EXPECT_EQ(s.properties_failed, 1);
}

TEST(InputsTest, ErrorsNameTheFileAndTheField) {
  Report r;
  Status bad_state = add_text(r, "j.json", R"({"schema":"gauntlet.journal/1","scenario":"s","passed":true,
      "timeline":[{"t_ms":100,"throughput_rps":"fast"}]})");
  ASSERT_THAT(bad_state, StatusIs(ErrorCode::kSchemaError,
                                  HasSubstr("j.json: /timeline/0/throughput_rps: expected a number, got string")));

  Status missing =
      add_text(r, "g.json", R"({"schema":"gauntlet.gate/1","verdict":"pass","benchmarks":[{"name":"x"}]})");
  ASSERT_THAT(missing, StatusIs(ErrorCode::kSchemaError, HasSubstr("g.json: /benchmarks/0/verdict: missing")));

  Status version = add_text(r, "p.json", R"({"schema":"gauntlet.properties/9","results":[]})");
  ASSERT_THAT(version, StatusIs(ErrorCode::kSchemaError,
                                HasSubstr("p.json: /schema: \"gauntlet.properties/9\" is not supported")));

  Status unknown = add_text(r, "u.json", R"({"benchmarks":[]})");
  ASSERT_THAT(unknown, StatusIs(ErrorCode::kSchemaError, HasSubstr("u.json: not a recognised input")));

  Status other_schema = add_text(r, "m.json", R"({"schema":"gauntlet.metrics/1"})");
  ASSERT_THAT(other_schema, StatusIs(ErrorCode::kSchemaError, HasSubstr("is not an input reports read")));

  Status broken = add_text(r, "b.json", "{\"schema\": ");
  ASSERT_THAT(broken, StatusIs(ErrorCode::kParseError, HasSubstr("b.json:1:12: syntax error")));

  Status empty = add_text(r, "e.xml", "  \n");
  ASSERT_THAT(empty, StatusIs(ErrorCode::kSchemaError));

  for (const Status* s : {&bad_state, &missing, &version, &unknown, &other_schema, &broken, &empty}) {
    EXPECT_EQ(s->error().message().find('\n'), std::string::npos) << s->error().message();
  }
}

TEST(InputsTest, GateVerdictDecidesAndItsWarningsReachTheWriters) {
  // An advisory gate (runs from different machines) passes with a regression.
  Report r;
  Status ok = add_text(r, "g.json", R"({"schema":"gauntlet.gate/1","verdict":"pass",
      "warnings":["1 regression(s) are advisory: <different> machines"],
      "benchmarks":[{"name":"BM_A","verdict":"regressed","ratio":1.3,"ci_low":1.2,"ci_high":1.4}]})");
  ASSERT_TRUE(ok.ok()) << ok.error().message();
  ASSERT_EQ(r.gates.size(), 1u);
  ASSERT_EQ(r.gates[0].result.warnings.size(), 1u);
  const ReportSummary s = summarize(r);
  EXPECT_EQ(s.benchmarks_regressed, 1);
  EXPECT_TRUE(s.passed);
  const std::string page = write_html(r);
  EXPECT_NE(page.find("<p class=\"warn\">1 regression(s) are advisory: &lt;different&gt; machines</p>"),
            std::string::npos);
  EXPECT_NE(write_markdown(r, {}).find("> 1 regression(s) are advisory"), std::string::npos);

  Report failing;
  ASSERT_TRUE(add_text(failing, "f.json", R"({"schema":"gauntlet.gate/1","verdict":"fail","benchmarks":[]})").ok());
  EXPECT_FALSE(summarize(failing).passed);

  Status bad = add_text(r, "w.json", R"({"schema":"gauntlet.gate/1","verdict":"pass","warnings":[1]})");
  EXPECT_THAT(bad, StatusIs(ErrorCode::kSchemaError, HasSubstr("w.json: /warnings/0: expected a string, got number")));
}

TEST(InputsTest, SqliteFileWithoutHistoryTablesIsSchemaError) {
  auto db = scratch_dir() / "other.db";
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(db.string().c_str(), &raw), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(raw, "CREATE TABLE t(x);", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(raw);
  Report r;
  Status s = add_input(r, db);
  EXPECT_THAT(s, StatusIs(ErrorCode::kSchemaError, HasSubstr("not a Gauntlet history database")));
}

}  // namespace
}  // namespace gauntlet::reports
