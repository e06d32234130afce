// Service scenarios run end to end against loopback servers and real
// processes: load through a proxy, toxics, process faults, probes, logs.
#include "gauntlet/chaos/journal.h"
#include "gauntlet/chaos/runner.h"
#include "gauntlet/chaos/service/service_scenario.h"

#include <gtest/gtest.h>

#include "gauntlet/harness/testing/status_matchers.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "../netload/canned_http_server.h"
#include "../scratch_dir.h"

namespace gauntlet::chaos::service {
namespace {

using netload::testing::CannedHttpServer;
using netload::testing::CannedReply;
using netload::testing::SeenRequest;

std::string http_response(int status) {
  return "HTTP/1.1 " + std::to_string(status) + " X\r\nContent-Length: 2\r\n\r\nok";
}

Result<RunRecord> run_yaml(const std::string& yaml, const std::filesystem::path& logs, Scenario* out = nullptr) {
  ServiceFileOptions options;
  options.logs = logs;
  auto s = parse_service_scenario_yaml(yaml, "test.yaml", logs, options);
  if (!s) return s.error();
  RunOptions run;
  run.mode = TimeMode::kReal;
  auto record = run_scenario(*s, run);
  if (out) *out = *s;
  return record;
}

const Verdict* verdict(const RunRecord& r, std::string_view fragment) {
  for (const auto& v : r.verdicts) {
    if (v.hypothesis.find(fragment) != std::string::npos) return &v;
  }
  return nullptr;
}

TEST(ServiceRunTest, LoadThroughAProxyCountsStatusesAndALatencyToxicShowsInItsPhase) {
  CannedHttpServer server([](const SeenRequest& r) {
    return CannedReply{CannedReply::Action::kAnswer, http_response(r.path == "/api/fail" ? 503 : 200)};
  });
  const std::string yaml =
      "name: canned\nduration: 1600ms\n"
      "endpoints: [{name: api, address: \"127.0.0.1:" +
      std::to_string(server.port()) +
      "\"}]\n"
      "proxies: [{name: api, upstream: \"{endpoint:api}\"}]\n"
      "load:\n  target: \"http://{proxy:api}/api\"\n  rate: 200\n  connections: 16\n"
      "  requests: [{path: /ok, weight: 3}, {path: /fail, weight: 1}]\n"
      "schedule: [{proxy: api, start: 800ms, end: 1600ms, toxic: {type: latency, attributes: {latency: 200}}}]\n"
      "phases: [{name: calm, end: 800ms}, {name: slow, end: 1600ms}]\n"
      "hypotheses:\n"
      "  - {kind: status_count, phase: calm, status: 503, min: 1}\n"
      "  - {kind: status_count, phase: calm, status: 5xx, max: 0}\n"
      "  - {kind: latency_below, phase: calm, quantile: 0.5, limit: 100ms}\n"
      "  - {kind: latency_below, phase: slow, quantile: 0.5, limit: 100ms}\n"
      "  - {kind: conservation}\n";
  Scenario scenario;
  auto r = run_yaml(yaml, testing::scratch_dir("service_canned"), &scenario);
  ASSERT_TRUE(r) << r.error().message();
  const PhaseStats* calm = r->phase("calm");
  ASSERT_NE(calm, nullptr);
  ASSERT_GT(calm->completed, 50u);
  std::uint64_t counted = 0;
  for (const auto& [code, n] : calm->status_counts) counted += n;
  EXPECT_EQ(counted, calm->completed);
  EXPECT_GT(calm->status_counts.at(200), calm->status_counts.at(503));  // weights 3:1
  EXPECT_GT(calm->error_rate, 0.1);                                     // 503s are errors by default
  EXPECT_TRUE(verdict(*r, "calm: status 503 count >= 1")->holds);
  EXPECT_FALSE(verdict(*r, "calm: status 5xx count <= 0")->holds);
  EXPECT_TRUE(verdict(*r, "calm: latency p50")->holds) << verdict(*r, "calm: latency p50")->evidence;
  const Verdict* slow = verdict(*r, "slow: latency p50");
  EXPECT_FALSE(slow->holds) << slow->evidence;
  EXPECT_GE(slow->measured, 150.0);
  EXPECT_TRUE(verdict(*r, "issued ==")->holds) << verdict(*r, "issued ==")->evidence;
  for (const auto& seen : server.requests())
    EXPECT_TRUE(seen.path == "/api/ok" || seen.path == "/api/fail") << seen.path;

  // The toxic was added and removed, and the journal says what was injected.
  ASSERT_EQ(r->fault_activity.size(), 1u);
  EXPECT_EQ(r->fault_activity[0].point, "proxy:api/latency");
  EXPECT_GE(r->fault_activity[0].fires, 2u);
  EXPECT_GE(r->fault_activity[0].hits, 5u);
  auto journal = nlohmann::json::parse(journal_json(scenario, *r));
  EXPECT_EQ(journal["config"]["schedule"][0]["label"], "latency 200 ms on proxy api (downstream)");
  EXPECT_EQ(journal["phases"][0]["name"], "calm");
  EXPECT_GT(journal["phases"][0]["status_counts"]["200"].get<int>(), 0);
  EXPECT_GT(journal["phases"][0]["throughput_rps"].get<double>(), 50.0);
  EXPECT_EQ(journal["config"]["target"]["kind"], "service");
}

// A killed process is restarted when its fault ends; the restart waits for
// readiness on the actuator's thread, so the observer's samples stay evenly spaced.
TEST(ServiceRunTest, KilledProcessRestartsWithoutStallingTheTimeline) {
  const auto dir = testing::scratch_dir("service_kill");
  const std::string yaml =
      "name: killed\nduration: 3s\ninterval: 100ms\n"
      "processes:\n"
      "  - name: web\n"
      "    command: [python3, -m, http.server, \"{port:web}\", --bind, 127.0.0.1]\n"
      "    ready: {http: \"http://127.0.0.1:{port:web}/\", timeout: 10s}\n"
      "load: {target: \"http://127.0.0.1:{port:web}/\", rate: 50, connections: 4, timeout: 500ms}\n"
      "schedule: [{process: web, start: 1s, end: 2s, action: kill}]\n"
      "phases: [{name: steady, end: 1s}, {name: down, end: 2s}, {name: back, end: 3s}]\n"
      "steady_state: [{name: web answers, http: \"http://127.0.0.1:{port:web}/\"}]\n"
      "hypotheses: [{kind: error_rate_below, phase: down, max: 0.5}, {kind: conservation}]\n";
  auto r = run_yaml(yaml, dir);
  ASSERT_TRUE(r) << r.error().message();
  EXPECT_EQ(r->target_counters.at("web.starts"), 2);
  EXPECT_EQ(r->target_counters.at("web.running"), 1);
  EXPECT_FALSE(verdict(*r, "down: error rate")->holds);  // nothing answers while it is down
  EXPECT_TRUE(verdict(*r, "steady state before: web answers")->holds);
  EXPECT_TRUE(verdict(*r, "steady state after: web answers")->holds) << verdict(*r, "after")->evidence;
  ASSERT_GE(r->timeline.size(), 25u);
  for (std::size_t i = 1; i < r->timeline.size(); ++i) {
    EXPECT_GE(r->timeline[i].t - r->timeline[i - 1].t, 50 * kNanosPerMilli) << "sample " << i;
  }
  // The log holds this run only: the restart marker, and no earlier run's output.
  std::ifstream log(dir / "web.stderr.log");
  std::stringstream text;
  text << log.rdbuf();
  EXPECT_NE(text.str().find("restart 2"), std::string::npos) << text.str();
}

TEST(ServiceRunTest, CommandProbesCheckExitCodeAndOutput) {
  CannedHttpServer server(http_response(200));
  const auto dir = testing::scratch_dir("service_probe");
  const std::string yaml =
      "name: probes\nduration: 300ms\n"
      "endpoints: [{name: api, address: \"127.0.0.1:" +
      std::to_string(server.port()) +
      "\"}]\n"
      "load: {target: \"http://{endpoint:api}/\", rate: 20}\n"
      "phases: [{name: all, end: 300ms}]\n"
      "steady_state:\n"
      "  - {name: says pong, command: [sh, -c, \"echo pong\"], output_contains: pong}\n"
      "  - {name: fails, command: [sh, -c, \"echo broken >&2; exit 3\"]}\n"
      "  - {name: hangs, command: [sleep, \"30\"], timeout: 200ms}\n";
  auto r = run_yaml(yaml, dir);
  ASSERT_TRUE(r) << r.error().message();
  ASSERT_EQ(r->verdicts.size(), 6u);
  EXPECT_TRUE(verdict(*r, "before: says pong")->holds);
  const Verdict* fails = verdict(*r, "before: fails");
  EXPECT_FALSE(fails->holds);
  EXPECT_NE(fails->evidence.find("exited 3"), std::string::npos) << fails->evidence;
  EXPECT_NE(fails->evidence.find("broken"), std::string::npos) << fails->evidence;
  EXPECT_NE(verdict(*r, "after: hangs")->evidence.find("still running"), std::string::npos);
  EXPECT_FALSE(r->passed());
}

TEST(ServiceRunTest, AProcessThatNeverGetsReadyFailsTheRunWithItsStderr) {
  const auto dir = testing::scratch_dir("service_unready");
  const std::string yaml =
      "name: unready\nduration: 1s\n"
      "processes: [{name: bad, command: [sh, -c, \"echo cannot bind >&2; exit 1\"],"
      " ready: {tcp: \"127.0.0.1:{port:bad}\", timeout: 2s}}]\n"
      "load: {target: \"http://127.0.0.1:{port:bad}/\"}\n"
      "phases: [{name: all, end: 1s}]\n";
  auto r = run_yaml(yaml, dir);
  EXPECT_THAT(r, matchers::StatusIs(ErrorCode::kUnavailable, ::testing::HasSubstr("cannot bind")));
}

}  // namespace
}  // namespace gauntlet::chaos::service
