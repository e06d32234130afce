// Reading service scenario files: the model, and one-line errors naming the
// file, line, column and field for every kind of mistake and absurd bound.
#include "gauntlet/chaos/service/service_scenario.h"

#include "gauntlet/chaos/runner.h"

#include <gtest/gtest.h>

#include "gauntlet/harness/testing/status_matchers.h"

#include <string>

namespace gauntlet::chaos::service {
namespace {

const std::string kHead =
    "name: s\nduration: 10s\nphases: [{name: steady, end: 5s}, {name: fault, end: 10s}]\n"
    "proxies: [{name: backend, upstream: \"127.0.0.1:{port:backend}\"}]\n";
const std::string kLoad = "load: {target: \"http://{proxy:backend}/api\", rate: 100}\n";

Result<Scenario> parse(const std::string& yaml) {
  return parse_service_scenario_yaml(yaml, "svc.yaml", "/tmp", ServiceFileOptions{});
}

void expect_error(const std::string& yaml, ErrorCode code, std::string_view fragment) {
  auto s = parse(yaml);
  ASSERT_THAT(s, matchers::StatusIs(code, ::testing::HasSubstr(std::string(fragment)))) << yaml;
  EXPECT_EQ(s.error().message().find('\n'), std::string::npos) << s.error().message();
}

TEST(ServiceYamlTest, AWholeFileMapsOntoARealTimeScenario) {
  auto s =
      parse(kHead + kLoad +
            "processes:\n"
            "  - name: backend\n"
            "    command: [python3, -m, http.server, \"{port:backend}\"]\n"
            "    ready: {http: \"http://127.0.0.1:{port:backend}/\", timeout: 5s}\n"
            "    stop: {signal: INT, grace: 1s}\n"
            "schedule:\n"
            "  - {proxy: backend, start: 5s, end: 8s, rise: 1s, toxic: {type: latency, attributes: {latency: 300}}}\n"
            "  - {proxy: backend, start: 8s, duration: 1s, action: down}\n"
            "  - {process: backend, start: 9s, action: kill}\n"
            "steady_state:\n"
            "  - {name: up, http: \"http://127.0.0.1:{port:backend}/\"}\n"
            "hypotheses:\n"
            "  - {kind: throughput_above, phase: fault, min: 50}\n"
            "  - {kind: status_count, phase: fault, status: 5xx, max: 0}\n"
            "  - {kind: idle_below, phase: fault, limit: 500ms}\n");
  ASSERT_TRUE(s) << s.error().message();
  EXPECT_TRUE(s->real_time_only);
  EXPECT_EQ(s->default_mode, TimeMode::kReal);
  EXPECT_EQ(s->target_name, "service:s");
  ASSERT_EQ(s->schedule.faults().size(), 3u);
  const ScheduledFault& latency = s->schedule.faults()[0];
  EXPECT_EQ(latency.point, "proxy:backend/latency");
  EXPECT_EQ(latency.kind, FaultKind::kLatency);
  EXPECT_EQ(latency.magnitude, 300e6);
  EXPECT_EQ(latency.ramp, kNanosPerSecond);
  EXPECT_EQ(latency.label, "latency 300 ms on proxy backend (downstream)");
  EXPECT_EQ(s->schedule.faults()[1].label, "proxy backend down");
  EXPECT_EQ(s->schedule.faults()[1].end, 9 * kNanosPerSecond);
  // Without an end a fault lasts to the end of the run.
  EXPECT_EQ(s->schedule.faults()[2].end, 10 * kNanosPerSecond);
  EXPECT_EQ(s->schedule.faults()[2].label, "process backend kill");
  ASSERT_EQ(s->hypotheses.size(), 3u);
  EXPECT_EQ(s->hypotheses[1].status_lo, 500);
  EXPECT_EQ(s->hypotheses[1].status_hi, 599);
  EXPECT_EQ(s->hypotheses[1].describe(), "fault: status 5xx count <= 0");
}

TEST(ServiceYamlTest, RepeatedFaultsOnOnePointGetTheirOwnNames) {
  auto s = parse(kHead + kLoad +
                 "schedule:\n"
                 "  - {proxy: backend, start: 1s, end: 2s, toxic: {type: latency, attributes: {latency: 10}}}\n"
                 "  - {proxy: backend, start: 3s, end: 4s, toxic: {type: latency, attributes: {latency: 20}}}\n");
  ASSERT_TRUE(s) << s.error().message();
  EXPECT_EQ(s->schedule.faults()[0].point, "proxy:backend/latency");
  EXPECT_EQ(s->schedule.faults()[1].point, "proxy:backend/latency#2");
}

TEST(ServiceYamlTest, MistakesNameTheFileLineColumnAndField) {
  expect_error(kHead + kLoad + "schedule:\n  - {proxy: cache, start: 1s, toxic: {type: latency}}\n",
               ErrorCode::kSchemaError, "svc.yaml:7:13: field 'schedule[0].proxy': names no declared proxy 'cache'");
  expect_error(kHead + kLoad + "schedule:\n  - {proxy: backend, start: 1s, toxic: {type: lag}}\n",
               ErrorCode::kSchemaError, "field 'schedule[0].toxic.type': invalid toxic type 'lag'");
  expect_error(
      kHead + kLoad + "schedule:\n  - {proxy: backend, start: 1s, toxic: {type: latency, attributes: {latnecy: 5}}}\n",
      ErrorCode::kSchemaError, "field 'schedule[0].toxic.attributes.latnecy': unknown attribute");
  expect_error(kHead + "load: {target: \"http://{proxy:front}/\"}\n", ErrorCode::kSchemaError,
               "field 'load.target': {proxy:front} names no declared proxy");
  expect_error(kHead + "load: {target: \"http://{prxy:x}/\"}\n", ErrorCode::kSchemaError,
               "placeholder '{prxy:x}' is unknown");
  expect_error(kHead + kLoad + "processes: [{name: a, command: [x], ready: {tcp: a, http: b}}]\n",
               ErrorCode::kSchemaError, "field 'processes[0].ready': needs exactly one of tcp, http or log");
  expect_error(kHead + kLoad + "processes: [{name: a, command: [x]}, {name: a, command: [y]}]\n",
               ErrorCode::kSchemaError, "process 'a' is declared twice");
  expect_error(kHead + "load: {target: \"https://{proxy:backend}/\"}\n", ErrorCode::kSchemaError,
               "https is not supported");
  expect_error(kHead + "load: {target: \"http://{proxy:backend}/\", protocol: tcp, send: x, expect: y}\n",
               ErrorCode::kSchemaError, "field 'load.target': protocol tcp takes host:port");
  expect_error(kHead + kLoad + "name: again\n", ErrorCode::kSchemaError, "field 'name': appears twice");
  expect_error(kHead + kLoad + "schedule:\n  - {process: backend, start: 1s, action: kill}\n", ErrorCode::kSchemaError,
               "names no declared process 'backend'");
  expect_error(kHead + kLoad + "steady_state: [{http: \"http://x/\", command: [true]}]\n", ErrorCode::kSchemaError,
               "needs exactly one of http or command");
}

TEST(ServiceYamlTest, AbsurdValuesAreRefusedWithTheBoundNamed) {
  expect_error(kHead + "load: {target: \"http://{proxy:backend}/\", rate: 1e12}\n", ErrorCode::kSchemaError,
               "field 'load.rate': must be from 0 to 1000000 req/s");
  expect_error(kHead + "load: {target: \"http://{proxy:backend}/\", mode: closed, workers: 100000000}\n",
               ErrorCode::kSchemaError, "field 'load.workers': must be from 1 to 10000");
  expect_error(kHead + "load: {target: \"http://{proxy:backend}/\", connections: 6.5}\n", ErrorCode::kSchemaError,
               "field 'load.connections': expected a whole number");
  expect_error(kHead + kLoad + "interval: 1ns\n", ErrorCode::kSchemaError, "field 'interval': must be at least 1ms");
  expect_error("name: s\nduration: 100000s\n", ErrorCode::kSchemaError, "24h");
  std::string many = kHead + kLoad + "schedule:\n";
  for (int i = 0; i < 50000; ++i) many += "  - {proxy: backend, start: 1s, action: down}\n";
  expect_error(many, ErrorCode::kSchemaError, "field 'schedule': has 50000 entries; at most 1000 are allowed");
  expect_error(
      kHead + kLoad +
          "schedule:\n  - {proxy: backend, start: 1s, toxic: {type: latency, attributes: {latency: 9.2e15}}}\n",
      ErrorCode::kSchemaError, "must be from 0 to 1000000000000");
  expect_error(kHead + "load: {target: \"http://{proxy:backend}/\", timeout: 30s}\n", ErrorCode::kSchemaError,
               "field 'load.timeout': must not exceed the scenario's duration");
  expect_error(kHead + kLoad + "schedule:\n  - {proxy: backend, start: 11s, action: down}\n", ErrorCode::kSchemaError,
               "field 'schedule[0].start': must be before the end of the run");
}

TEST(ServiceYamlTest, JsonFilesAreReadToo) {
  auto s = parse(R"({"name": "j", "duration": "2s", "phases": [{"name": "all", "end": "2s"}],
                     "endpoints": [{"name": "api", "address": "127.0.0.1:8080"}],
                     "load": {"target": "http://{endpoint:api}/", "rate": 10, "keep_alive": false},
                     "hypotheses": [{"kind": "error_rate_below", "phase": "all", "max": 0.01}]})");
  ASSERT_TRUE(s) << s.error().message();
  EXPECT_EQ(s->name, "j");
  EXPECT_EQ(s->duration, 2 * kNanosPerSecond);
  expect_error(R"({"name": "j", "duration": "2s", "endpoints": [], "load": {"target": "http://x:1/", "rate": "fast"}})",
               ErrorCode::kSchemaError, "svc.yaml:1:");
}

TEST(ServiceYamlTest, OnlyFilesWithASystemUnderTestAreServiceScenarios) {
  EXPECT_TRUE(is_service_scenario_yaml(kHead));
  EXPECT_TRUE(is_service_scenario_yaml("endpoints: []\n"));
  EXPECT_FALSE(is_service_scenario_yaml("name: x\ntarget: service_chain/healthy\n"));
  EXPECT_FALSE(is_service_scenario_yaml("[unclosed"));
  EXPECT_FALSE(is_service_scenario_yaml("- a\n- b\n"));
}

TEST(ServiceYamlTest, VirtualTimeIsRefused) {
  auto s = parse(kHead + kLoad);
  ASSERT_TRUE(s) << s.error().message();
  RunOptions options;
  options.mode = TimeMode::kVirtual;
  auto run = run_scenario(*s, options);
  EXPECT_THAT(run, matchers::StatusIs(ErrorCode::kInvalidArgument, ::testing::HasSubstr("real time only")));
}

}  // namespace
}  // namespace gauntlet::chaos::service
