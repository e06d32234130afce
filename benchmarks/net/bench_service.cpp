// The cost of a service scenario to the harness itself: a scenario file's
// open-loop load of 10,000 req/s at nginx through one fault proxy, run by
// `run_scenario` as `gauntlet chaos run` runs it. Reported (never asserted):
// the achieved rate as a ratio of the target, and the harness's CPU time
// (load generator, proxy, observer, actuator; nginx is another process) as
// cores used over the run's wall time.
#include "gauntlet/chaos/process/nginx.h"
#include "gauntlet/chaos/runner.h"
#include "gauntlet/chaos/service/service_scenario.h"

#include <benchmark/benchmark.h>

#include <sys/resource.h>
#include <unistd.h>

#include <filesystem>
#include <string>

namespace gauntlet::bench::service {
namespace {

constexpr double kTargetRps = 10000;
constexpr int kSeconds = 5;

double cpu_seconds() {
  rusage u{};
  ::getrusage(RUSAGE_SELF, &u);
  auto s = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
  return s(u.ru_utime) + s(u.ru_stime);
}

std::string scenario_yaml(std::uint16_t nginx_port) {
  return "name: overhead\nduration: " + std::to_string(kSeconds) +
         "s\n"
         "endpoints: [{name: nginx, address: \"127.0.0.1:" +
         std::to_string(nginx_port) +
         "\"}]\n"
         "proxies: [{name: front, upstream: \"{endpoint:nginx}\"}]\n"
         "load: {target: \"http://{proxy:front}/\", rate: " +
         std::to_string(static_cast<int>(kTargetRps)) +
         ", connections: 64, timeout: 2s}\n"
         "phases: [{name: all, end: " +
         std::to_string(kSeconds) +
         "s}]\n"
         "hypotheses: [{kind: conservation}]\n";
}

void BM_ServiceScenarioOverhead(benchmark::State& state) {
  const auto dir = std::filesystem::temp_directory_path() / ("gauntlet_bench_service_" + std::to_string(::getpid()));
  chaos::process::NginxOptions options;
  options.dir = dir;
  auto nginx = chaos::process::launch_nginx(options, RealClock::instance());
  if (!nginx.ok()) {
    state.SkipWithError(nginx.error().to_string().c_str());
    return;
  }
  chaos::service::ServiceFileOptions files;
  files.logs = dir / "logs";
  auto scenario = chaos::service::parse_service_scenario_yaml(scenario_yaml((*nginx)->spec().readiness.port),
                                                              "overhead.yaml", dir, files);
  if (!scenario.ok()) {
    state.SkipWithError(scenario.error().to_string().c_str());
    return;
  }
  double achieved = 0, cores = 0, p99_ms = 0, failed = 0, not_sent = 0;
  for (auto _ : state) {
    chaos::RunOptions run;
    run.mode = chaos::TimeMode::kReal;
    const double cpu0 = cpu_seconds();
    auto record = chaos::run_scenario(*scenario, run);
    const double cpu = cpu_seconds() - cpu0;
    if (!record.ok()) {
      state.SkipWithError(record.error().to_string().c_str());
      break;
    }
    const auto& phase = record->phases.at(0);
    achieved = phase.throughput_rps;
    cores = cpu / record->wall_seconds;
    p99_ms = static_cast<double>(phase.p99_ns) / 1e6;
    failed = static_cast<double>(record->totals.failed);
    not_sent = static_cast<double>(record->totals.not_sent);
  }
  state.counters["target_rps"] = kTargetRps;
  state.counters["achieved_rps"] = achieved;
  state.counters["rate_ratio"] = achieved / kTargetRps;
  state.counters["harness_cores"] = cores;
  state.counters["p99_ms"] = p99_ms;
  state.counters["failed"] = failed;
  state.counters["not_sent"] = not_sent;
  nginx->reset();
  std::error_code ignored;
  std::filesystem::remove_all(dir, ignored);
}
BENCHMARK(BM_ServiceScenarioOverhead)->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime();

}  // namespace
}  // namespace gauntlet::bench::service

BENCHMARK_MAIN();
