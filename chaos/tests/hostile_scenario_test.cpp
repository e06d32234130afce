// Scenario files as a careless or hostile author writes them: each case was
// accepted, ran for minutes, overflowed or failed as a hypothesis before; now
// a specific error (exit 2).
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>

#include "gauntlet/chaos/journal.h"
#include "gauntlet/chaos/runner.h"
#include "gauntlet/chaos/scenario_file.h"
#include "gauntlet/chaos/scenarios/builtin.h"
#include "gauntlet/chaos/shrink.h"
#include "gauntlet/harness/utf8.h"

namespace gauntlet::chaos {
namespace {

std::string scenario(const std::string& extra, const std::string& duration = "8s") {
  return "name: x\ntarget: service_chain/healthy\nduration: " + duration + "\n" + extra +
         "phases:\n  - {name: a, end: " + (duration == "8s" ? "8s" : "1s") + "}\n";
}

void expect_error(const Error& e, ErrorCode code, const std::string& part) {
  EXPECT_EQ(e.code(), code) << e.message();
  EXPECT_NE(e.message().find(part), std::string::npos) << e.message() << " (expected: " << part << ")";
  EXPECT_EQ(exit_code_for(e.code()), 2) << e.message();
}

TEST(HostileScenarioTest, OverflowingDurationsNameTheBoundNotMustBePositive) {
  auto s = parse_scenario_yaml(scenario("", "1e300s"), "d.yaml", bundled_target);
  ASSERT_FALSE(s.ok());
  expect_error(s.error(), ErrorCode::kSchemaError, "d.yaml:3:11: field 'duration': '1e300s' is longer than the 24h");
  auto parsed = parse_duration("9223372036s");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code(), ErrorCode::kOutOfRange);
  EXPECT_FALSE(parse_duration("nans").ok());
  EXPECT_FALSE(parse_duration("24h").ok());  // "h" is not a unit
}

TEST(HostileScenarioTest, UnboundedWorkIsRefusedNamingTheBound) {
  const std::pair<std::string, std::string> cases[] = {
      {"load: {mode: open, rate: 1e12}\n", "field 'load.rate': must be from 0 to 1000000 req/s"},
      {"load: {mode: closed, workers: 100000000}\n", "field 'load.workers': must be from 1 to 10000"},
      {"load: {mode: open, connections: 6.5}\n", "field 'load.connections': expected a whole number, got 6.5"},
      {"interval: 1ns\n", "field 'interval': must be at least 1ms"},
  };
  for (const auto& [extra, why] : cases) {
    auto s = parse_scenario_yaml(scenario(extra), "u.yaml", bundled_target);
    ASSERT_FALSE(s.ok()) << extra;
    EXPECT_NE(s.error().message().find(why), std::string::npos) << s.error().message();
    EXPECT_EQ(exit_code_for(s.error().code()), 2);
  }
  std::string many = "schedule:\n";
  for (int i = 0; i < 50000; ++i) many += "  - {kind: outage, point: chain.c, start: 1s, end: 2s}\n";
  const auto start = std::chrono::steady_clock::now();
  auto s = parse_scenario_yaml(scenario(many), "m.yaml", bundled_target);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message().find("has 50000 entries; at most 1000 are allowed"), std::string::npos)
      << s.error().message();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(30));
}

TEST(HostileScenarioTest, DeepNestingNamesTheBoundNotBadFile) {
  auto s = parse_scenario_yaml("name: " + std::string(20000, '[') + std::string(20000, ']') + "\n", "deep.yaml",
                               bundled_target);
  ASSERT_FALSE(s.ok());
  expect_error(s.error(), ErrorCode::kParseError, "nesting deeper than");
  EXPECT_EQ(s.error().message().find("bad file"), std::string::npos) << s.error().message();
}

TEST(HostileScenarioTest, UnknownFaultPointOrBreakerIsBadInputNotAFailedHypothesis) {
  auto point = parse_scenario_yaml(scenario("schedule:\n  - {kind: outage, point: no.such.point, start: 1s, end: 2s}\n"),
                                   "p.yaml", bundled_target);
  ASSERT_TRUE(point.ok()) << point.error().message();
  auto run = run_scenario(*point, RunOptions{1, TimeMode::kVirtual, {}, "p.yaml"});
  ASSERT_FALSE(run.ok());
  expect_error(run.error(), ErrorCode::kInvalidArgument,
               "fault point 'no.such.point' is not one of the target's (chain.a, chain.b, chain.c)");
  auto breaker = parse_scenario_yaml(
      scenario("hypotheses:\n  - {kind: breaker_opens_within, breaker: zz, within: 1s}\n"), "b.yaml", bundled_target);
  ASSERT_TRUE(breaker.ok()) << breaker.error().message();
  auto run_b = run_scenario(*breaker, RunOptions{1, TimeMode::kVirtual, {}, "b.yaml"});
  ASSERT_FALSE(run_b.ok());
  expect_error(run_b.error(), ErrorCode::kInvalidArgument, "breaker 'zz' is not one of the target's (b, c)");
}

TEST(HostileScenarioTest, ShrinkingOverAnUnknownPointIsBadInput) {
  auto base = builtin_scenario("transient_outage");
  ASSERT_TRUE(base.ok());
  ShrinkOptions options;
  options.points = {"no.such.point"};
  options.tests = 2;
  auto result = search_schedules(*base, options);
  ASSERT_FALSE(result.ok());
  expect_error(result.error(), ErrorCode::kInvalidArgument, "fault point 'no.such.point'");
}

TEST(HostileScenarioTest, DirectoriesFifosAndDevicesAreRefusedWithoutBlocking) {
  const auto dir = std::filesystem::temp_directory_path() / ("gauntlet_hostile_scenario_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto fifo = dir / "pipe.yaml";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  for (const std::string& path : {dir.string(), fifo.string(), std::string("/dev/zero")}) {
    const auto start = std::chrono::steady_clock::now();
    auto s = load_scenario_file(path, bundled_target);
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2)) << path;
    ASSERT_FALSE(s.ok()) << path;
    expect_error(s.error(), ErrorCode::kInvalidArgument, "expected a regular file");
  }
  std::filesystem::remove_all(dir);
}

TEST(HostileScenarioTest, AScenarioNameThatIsNotUtf8NeverAbortsTheJournalWriter) {
  auto s = parse_scenario_yaml(scenario("", "8s").replace(6, 1, "x\xC3("), "n.yaml", bundled_target);
  ASSERT_TRUE(s.ok()) << s.error().message();
  s->duration = kNanosPerSecond;
  s->phases = {{"a", 0, kNanosPerSecond}};
  auto run = run_scenario(*s, RunOptions{1, TimeMode::kVirtual, {}, "n.yaml"});
  ASSERT_TRUE(run.ok()) << run.error().message();
  std::string journal;
  ASSERT_NO_THROW(journal = journal_json(*s, *run));
  EXPECT_TRUE(is_valid_utf8(journal));
}

}  // namespace
}  // namespace gauntlet::chaos
