// `gauntlet chaos run FILE` on service scenarios: exit codes, the per-phase
// table, and a replay line that runs as printed.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "../netload/canned_http_server.h"
#include "../scratch_dir.h"
#include "gauntlet/cli/testing/cli_run.h"

namespace gauntlet::chaos::service {
namespace {

using netload::testing::CannedHttpServer;

using cli::testing::CliRun;
CliRun run(const std::vector<std::string>& args) { return cli::testing::run_cli(args); }

std::string write(const std::filesystem::path& dir, const std::string& name, const std::string& text) {
  const auto path = dir / name;
  std::ofstream(path) << text;
  return path.string();
}

std::string scenario(std::uint16_t port, const std::string& limit) {
  return "name: cli_service\nduration: 600ms\n"
         "endpoints: [{name: api, address: \"127.0.0.1:" + std::to_string(port) + "\"}]\n"
         "proxies: [{name: api, upstream: \"{endpoint:api}\"}]\n"
         "load: {target: \"http://{proxy:api}/\", rate: 100}\n"
         "schedule: [{proxy: api, start: 300ms, end: 600ms, toxic: {type: latency, attributes: {latency: 100}}}]\n"
         "phases: [{name: before, end: 300ms}, {name: during, end: 600ms}]\n"
         "hypotheses: [{kind: latency_below, phase: during, quantile: 0.5, limit: " + limit + "}]\n";
}

TEST(ServiceCliTest, APassingFileExitsZeroWithThePhaseTable) {
  CannedHttpServer server("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
  const auto dir = testing::scratch_dir("service_cli_pass");
  const std::string file = write(dir, "pass.yaml", scenario(server.port(), "2s"));
  const std::string journal = (dir / "journal.json").string();
  CliRun r = run({"chaos", "run", file, "--logs", (dir / "logs").string(), "--journal", journal});
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("req/s"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  before "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  during "), std::string::npos) << r.out;
  EXPECT_TRUE(std::filesystem::exists(journal));
}

TEST(ServiceCliTest, AFailingFileExitsOneAndItsReplayLineRunsAsPrinted) {
  CannedHttpServer server("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
  const auto dir = testing::scratch_dir("service_cli_fail");
  const std::string file = write(dir, "fail.yaml", scenario(server.port(), "20ms"));
  CliRun r = run({"chaos", "run", file, "--seed", "7", "--logs", (dir / "logs").string()});
  ASSERT_EQ(r.code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("FAIL during: latency p50 < 20 ms"), std::string::npos) << r.out;
  const std::string marker = "replay: gauntlet ";
  const auto at = r.out.find(marker);
  ASSERT_NE(at, std::string::npos) << r.out;
  const std::string line = r.out.substr(at + marker.size(), r.out.find('\n', at) - at - marker.size());
  EXPECT_EQ(line, "chaos run " + file + " --seed 7 --time real");
  std::vector<std::string> words;
  std::istringstream split(line);
  for (std::string w; split >> w;) words.push_back(w);
  CliRun again = run(words);
  EXPECT_EQ(again.code, 1) << again.out << again.err;
  EXPECT_NE(again.out.find("FAIL during: latency p50 < 20 ms"), std::string::npos) << again.out;
}

TEST(ServiceCliTest, BadFilesExitTwoWithOneLineNamingThePlace) {
  const auto dir = testing::scratch_dir("service_cli_bad");
  const std::string file = write(dir, "bad.yaml", "name: x\nduration: 1s\nproxies: [{name: p, upstream: \"127.0.0.1:1\"}]\n"
                                                  "load: {target: \"http://{proxy:p}/\", rate: 1e12}\nphases: [{name: a, end: 1s}]\n");
  CliRun r = run({"chaos", "run", file});
  EXPECT_EQ(r.code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find(file + ":4:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("load.rate"), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;

  const std::string ok = write(dir, "ok.yaml", "name: x\nduration: 1s\nproxies: [{name: p, upstream: \"127.0.0.1:1\"}]\n"
                                               "load: {target: \"http://{proxy:p}/\"}\nphases: [{name: a, end: 1s}]\n");
  CliRun virt = run({"chaos", "run", ok, "--time", "virtual"});
  EXPECT_EQ(virt.code, 2) << virt.out << virt.err;
  EXPECT_NE(virt.err.find("real time only"), std::string::npos) << virt.err;

  CliRun missing = run({"chaos", "run", (dir / "nope.yaml").string()});
  EXPECT_EQ(missing.code, 2);
  EXPECT_NE(missing.err.find("cannot open scenario file"), std::string::npos) << missing.err;
}

TEST(ServiceCliTest, ASystemThatCannotStartExitsThree) {
  const auto dir = testing::scratch_dir("service_cli_start");
  const std::string file = write(dir, "start.yaml", "name: x\nduration: 1s\n"
                                                    "processes: [{name: p, command: [sh, -c, \"echo no config >&2; exit 1\"],"
                                                    " ready: {tcp: \"127.0.0.1:{port:p}\", timeout: 2s}}]\n"
                                                    "load: {target: \"http://127.0.0.1:{port:p}/\"}\nphases: [{name: a, end: 1s}]\n");
  CliRun r = run({"chaos", "run", file, "--logs", (dir / "logs").string()});
  EXPECT_EQ(r.code, 3) << r.out << r.err;
  EXPECT_NE(r.err.find("no config"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace gauntlet::chaos::service
