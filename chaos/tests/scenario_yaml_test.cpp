#include "gauntlet/chaos/scenario_file.h"

#include <gtest/gtest.h>

#include "gauntlet/chaos/runner.h"
#include "gauntlet/chaos/scenarios/builtin.h"

namespace gauntlet::chaos {
namespace {

std::string source_file(const std::string& relative) { return std::string(GAUNTLET_SOURCE_DIR) + "/" + relative; }

TEST(ScenarioYamlTest, BundledFilesLoadAndPass) {
  for (const char* file : {"chaos/scenarios/outage_recovery.yaml", "chaos/scenarios/stepped_latency.yaml"}) {
    auto s = load_scenario_file(source_file(file), bundled_target);
    ASSERT_TRUE(s) << s.error().to_string();
    auto run = run_scenario(*s, {});
    ASSERT_TRUE(run);
    for (const auto& v : run->verdicts) EXPECT_TRUE(v.holds) << file << ": " << v.hypothesis << " — " << v.evidence;
  }
}

TEST(ScenarioYamlTest, FieldsMapOntoTheModel) {
  auto s = load_scenario_file(source_file("chaos/scenarios/stepped_latency.yaml"), bundled_target);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->load.pattern.shape, LoadShape::kStepped);
  EXPECT_EQ(s->load.pattern.period, 5 * kNanosPerSecond);
  ASSERT_EQ(s->schedule.faults().size(), 2u);
  EXPECT_EQ(s->schedule.faults()[0].kind, FaultKind::kLatency);
  EXPECT_EQ(s->schedule.faults()[0].end, 12 * kNanosPerSecond);
  EXPECT_EQ(s->phases[2].start, 12 * kNanosPerSecond);
  EXPECT_EQ(s->hypotheses.size(), 4u);
}

void expect_error(const std::string& yaml, ErrorCode code, std::string_view fragment) {
  auto s = parse_scenario_yaml(yaml, "bad.yaml", bundled_target);
  ASSERT_FALSE(s) << yaml;
  EXPECT_EQ(s.error().code(), code) << s.error().message();
  EXPECT_NE(s.error().message().find(fragment), std::string::npos) << s.error().message();
  EXPECT_EQ(s.error().message().find('\n'), std::string::npos);
}

const std::string kHead = "name: x\ntarget: service_chain\nduration: 10s\n";

TEST(ScenarioYamlTest, BadFilesNameTheFieldAndLine) {
  expect_error(kHead + "phases:\n  - {name: all, end: 10s}\nload:\n  rate: fast\n", ErrorCode::kSchemaError,
               "bad.yaml:7:9: field 'load.rate': expected a number, got 'fast'");
  expect_error(kHead + "phases:\n  - {name: all, end: 10s}\nhypotheses:\n  - {kind: maybe}\n",
               ErrorCode::kSchemaError, "bad.yaml:7:12: field 'hypotheses[0].kind'");
  expect_error(kHead + "phases:\n  - {name: all, end: 10s}\nloads: {}\n", ErrorCode::kSchemaError,
               "bad.yaml:6:1: field 'loads': unknown field");
  expect_error("name: x\ntarget: redis\nduration: 1s\nphases: [{name: a, end: 1s}]\n", ErrorCode::kSchemaError,
               "bad.yaml:2:9: field 'target': target 'redis' is unknown");
  expect_error(kHead + "phases:\n  - {name: all, end: 10 s}\n", ErrorCode::kSchemaError,
               "field 'phases[0].end': '10 s' is not a duration");
  expect_error(kHead + "phases: [{name: a, end: 5s}]\n", ErrorCode::kInvalidArgument, "must end at the scenario duration");
  expect_error("name: [unclosed\n", ErrorCode::kParseError, "bad.yaml:");
  expect_error("name: x\n", ErrorCode::kSchemaError, "field 'target': is required");
}

TEST(ScenarioYamlTest, DurationsTakeUnits) {
  EXPECT_EQ(*parse_duration("250ms"), 250 * kNanosPerMilli);
  EXPECT_EQ(*parse_duration("1.5s"), 1500 * kNanosPerMilli);
  EXPECT_EQ(*parse_duration("2m"), 120 * kNanosPerSecond);
  EXPECT_EQ(*parse_duration("7us"), 7000);
  EXPECT_FALSE(parse_duration("5"));
  EXPECT_FALSE(parse_duration("-1s"));
}

}  // namespace
}  // namespace gauntlet::chaos
