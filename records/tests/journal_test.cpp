// The chaos journal record: what the writer writes the reader reads back,
// field by field, and every refusal names the source and the JSON pointer.
#include "gauntlet/records/journal.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "gauntlet/harness/testing/status_matchers.h"

namespace gauntlet::records {
namespace {

using matchers::IsOk;
using matchers::StatusIs;
using ::testing::HasSubstr;

// A journal with every field set, as the chaos writer fills it for an
// open-loop run with one fault, two phases, breakers and status codes.
Journal full_journal() {
  Journal j;
  j.scenario = "transient_outage";
  j.description = "transient outage and recovery";
  j.seed = 42;
  j.time_mode = "real";
  j.replay = "gauntlet chaos run transient_outage --seed 42 --time real";
  j.passed = true;
  j.config.target = {"service_chain/healthy", "in_process", {{"variant", "healthy"}}};
  j.config.duration = 3000;
  j.config.interval = 100;
  j.config.load.mode = "open";
  JournalLoadPattern pattern;
  pattern.shape = "spike";
  pattern.rate_rps = 100;
  pattern.peak_rps = 400;
  pattern.start = 1000;
  pattern.duration = 500;
  j.config.load.pattern = pattern;
  j.config.load.connections = 64;
  j.config.schedule = {{"chain.c", "latency", "spike", 1000, 2000, 250, 300.5, {"chain.b"}}};
  j.config.phases = {{"steady", 0, 1000}, {"fault", 1000, 2000}};
  j.config.hypotheses = {{"recovers_within", "breaker c closes within 2000 ms"}};
  JournalSample s{100, "steady", 10, 1, 2, 100, 0.3, 54.125, 55.9, 56.0, {}, {}};
  s.breakers = {{"b", "CLOSED"}, {"c", "OPEN"}};
  s.fault_fires = {{"chain.c", 10}};
  j.timeline = {s};
  j.breaker_transitions = {{1012.5, "c", "CLOSED", "OPEN"}};
  j.fault_activity = {{"chain.c", 512, 500}};
  j.totals = {3000, 2500, 20, 480, 0, 1};
  JournalPhaseStats p;
  p.name = "fault";
  p.start = 1000;
  p.end = 2000;
  p.completed = 500;
  p.failed = 20;
  p.rejected = 480;
  p.error_rate = 1.0;
  p.p50 = 2.0;
  p.p95 = 2.1;
  p.p99 = 2.25;
  p.max = 60.0;
  p.service_p99 = 2.1;
  p.throughput_rps = 100.0;
  p.status_counts = {{"200", 480}, {"503", 20}};
  p.p50_interval = MillisInterval{1.9, 2.0};
  p.p95_interval = MillisInterval{2.0, 2.1};
  p.p99_interval = MillisInterval{2.1, 60.0};
  p.quality = "fair";
  j.phases = {p};
  j.counters = {{"calls.c", 2520}};
  j.verdicts = {{"breaker c closes within 2000 ms", "", true, 812.0, 2000.0, "recovered 812.0 ms after the fault"}};
  j.wall_time = 3020.0;
  return j;
}

Result<Journal> read_text(const std::string& text) { return read_journal_text(text, "j.json"); }

TEST(JournalRecordTest, WhatIsWrittenReadsBackFieldByField) {
  const Journal written = full_journal();
  Result<Journal> read = read_text(journal_json(written));
  ASSERT_THAT(read, IsOk());
  const Journal& j = *read;
  EXPECT_EQ(j.scenario, written.scenario);
  EXPECT_EQ(j.description, written.description);
  EXPECT_EQ(j.seed, written.seed);
  EXPECT_EQ(j.time_mode, written.time_mode);
  EXPECT_EQ(j.replay, written.replay);
  EXPECT_EQ(j.passed, written.passed);
  EXPECT_EQ(j.config.target, written.config.target);
  EXPECT_EQ(j.config.duration, written.config.duration);
  EXPECT_EQ(j.config.interval, written.config.interval);
  EXPECT_EQ(j.config.load, written.config.load);
  EXPECT_EQ(j.config.schedule, written.config.schedule);
  EXPECT_EQ(j.config.phases, written.config.phases);
  EXPECT_EQ(j.config.hypotheses, written.config.hypotheses);
  EXPECT_EQ(j.timeline, written.timeline);
  EXPECT_EQ(j.breaker_transitions, written.breaker_transitions);
  EXPECT_EQ(j.fault_activity, written.fault_activity);
  EXPECT_EQ(j.totals, written.totals);
  EXPECT_EQ(j.phases, written.phases);
  EXPECT_EQ(j.counters, written.counters);
  EXPECT_EQ(j.verdicts, written.verdicts);
  EXPECT_EQ(j.wall_time, written.wall_time);
  EXPECT_EQ(j, written);
  EXPECT_EQ(journal_json(j), journal_json(written));
}

TEST(JournalRecordTest, TheDocumentKeepsItsKeysAndUnits) {
  Journal closed = full_journal();
  closed.time_mode = "virtual";
  closed.wall_time.reset();
  closed.config.load = JournalLoad{"closed", std::nullopt, std::nullopt, 50, 2.5, 20};
  const std::string text = journal_json(closed);
  ASSERT_EQ(text.back(), '\n');
  const nlohmann::json doc = nlohmann::json::parse(text);
  EXPECT_EQ(doc["schema"], "gauntlet.journal/1");
  EXPECT_FALSE(doc.contains("wall_seconds"));  // virtual time: no wall-clock value
  EXPECT_EQ(doc["config"]["load"], nlohmann::json::parse(R"({"mode": "closed", "workers": 50,
                                                              "think_time_ms": 2.5, "ops_per_worker": 20})"));
  EXPECT_EQ(doc["config"]["schedule"][0]["magnitude"], 300.5);  // latency faults: milliseconds
  EXPECT_EQ(doc["phases"][0]["p99_interval_ms"], nlohmann::json::parse("[2.1, 60.0]"));
  EXPECT_EQ(doc["timeline"][0]["breakers"]["c"], "OPEN");
  EXPECT_EQ(nlohmann::json::parse(journal_json(full_journal()))["wall_seconds"], 3.02);
  Result<Journal> back = read_text(text);
  ASSERT_THAT(back, IsOk());
  EXPECT_EQ(*back, closed);
}

TEST(JournalRecordTest, AbsentFiguresReadAsNotMeasured) {
  Result<Journal> j = read_text(R"({"schema": "gauntlet.journal/1", "scenario": "s",
                                    "phases": [{"name": "p", "p99_ms": 5}]})");
  ASSERT_THAT(j, IsOk());
  ASSERT_EQ(j->phases.size(), 1u);
  const JournalPhaseStats& p = j->phases[0];
  EXPECT_EQ(p.p99, 5.0);
  EXPECT_TRUE(std::isnan(p.p50));
  EXPECT_TRUE(std::isnan(p.throughput_rps));
  EXPECT_FALSE(p.completed.has_value());
  EXPECT_FALSE(p.p99_interval.has_value());
  EXPECT_EQ(j->time_mode, "virtual");
  EXPECT_FALSE(j->passed);
  EXPECT_FALSE(j->wall_time.has_value());
}

TEST(JournalRecordTest, AnotherSchemaIsRefusedNamingTheExpectedOne) {
  EXPECT_THAT(read_text(R"({"schema": "gauntlet.journal/2", "scenario": "s"})"),
              StatusIs(ErrorCode::kSchemaError,
                       "j.json: /schema: expected \"gauntlet.journal/1\", got \"gauntlet.journal/2\""));
  EXPECT_THAT(read_text(R"({"schema": 1})"),
              StatusIs(ErrorCode::kSchemaError, "j.json: /schema: expected \"gauntlet.journal/1\", got number"));
  EXPECT_THAT(read_text(R"({"scenario": "s"})"),
              StatusIs(ErrorCode::kSchemaError, "j.json: /schema: expected \"gauntlet.journal/1\", got none"));
  EXPECT_THAT(read_text("[]"), StatusIs(ErrorCode::kSchemaError, HasSubstr("got a document that is an array")));
}

TEST(JournalRecordTest, WrongTypesNameTheJsonPointer) {
  EXPECT_THAT(read_text(R"({"schema": "gauntlet.journal/1", "scenario": "s",
                            "phases": [{"name": "p", "p99_ms": "slow"}]})"),
              StatusIs(ErrorCode::kSchemaError, "j.json: /phases/0/p99_ms: expected a number, got string"));
  EXPECT_THAT(read_text(R"({"schema": "gauntlet.journal/1", "scenario": "s",
                            "config": {"schedule": [{"point": "c", "start_ms": 5, "end_ms": 1}]}})"),
              StatusIs(ErrorCode::kSchemaError, "j.json: /config/schedule/0/end_ms: ends before start_ms"));
  EXPECT_THAT(read_text(R"({"schema": "gauntlet.journal/1", "scenario": "s",
                            "timeline": [{"t_ms": 1, "throughput_rps": 1, "error_rate": 0, "p50_ms": 1,
                                          "p95_ms": 1, "p99_ms": 1, "breakers": {"c": 1}}]})"),
              StatusIs(ErrorCode::kSchemaError, "j.json: /timeline/0/breakers: \"c\": expected a state name"));
  EXPECT_THAT(read_text(R"({"schema": "gauntlet.journal/1", "scenario": "s", "config": {"load": {"workers": 1.5}}})"),
              StatusIs(ErrorCode::kSchemaError, HasSubstr("j.json: /config/load/workers: expected a whole number")));
  EXPECT_THAT(read_text(R"({"schema": "gauntlet.journal/1", "scenario": 7})"),
              StatusIs(ErrorCode::kSchemaError, "j.json: /scenario: expected a string, got number"));
  EXPECT_THAT(read_text(R"({"schema": "gauntlet.journal/1", "scenario": "s", "seed": -1})"),
              StatusIs(ErrorCode::kSchemaError, "j.json: /seed: expected an unsigned integer"));
  EXPECT_THAT(read_text(R"({"schema": "gauntlet.journal/1", "scenario": "s",
                            "phases": [{"name": "p", "p99_interval_ms": [3, 1]}]})"),
              StatusIs(ErrorCode::kSchemaError, "j.json: /phases/0/p99_interval_ms: expected 0 <= low <= high"));
}

TEST(JournalRecordTest, MalformedTextIsAParseErrorNamingThePlace) {
  EXPECT_THAT(read_text("{\"schema\": "), StatusIs(ErrorCode::kParseError, HasSubstr("j.json:1:")));
}

}  // namespace
}  // namespace gauntlet::records
