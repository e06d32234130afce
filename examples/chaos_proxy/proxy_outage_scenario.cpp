// hello_service behind a fault proxy; the scenario takes the proxy down from
// 1 s to 2 s. Exit 0 when every hypothesis holds and the outage was visible.
#include <cstdio>
#include <string>

#include "gauntlet/chaos/process/nginx.h"  // free_loopback_port
#include "gauntlet/chaos/process/process_target.h"
#include "gauntlet/chaos/runner.h"

namespace gc = gauntlet::chaos;
using gauntlet::kNanosPerMilli;
using gauntlet::kNanosPerSecond;

int main() {
  const auto service_port = gc::process::free_loopback_port();
  const auto proxy_port = gc::process::free_loopback_port();
  if (!service_port.ok() || !proxy_port.ok()) return 2;

  gc::process::ProcessSpec service;
  service.name = "hello";
  service.program = HELLO_SERVICE;
  service.args = {std::to_string(*service_port)};
  service.readiness.kind = gc::process::Readiness::Kind::kTcpConnect;
  service.readiness.port = *service_port;

  gc::process::ProcessTargetSpec spec;
  spec.name = "hello_behind_proxy";
  spec.proxies = {
      {"front", "127.0.0.1:" + std::to_string(*proxy_port), "127.0.0.1:" + std::to_string(*service_port), true}};
  spec.processes = {service};
  spec.entry = {"127.0.0.1", *proxy_port};
  spec.proxy_points = {{"hello.front", "front"}};
  auto target = gc::process::ProcessTarget::start(spec, gauntlet::RealClock::instance());
  if (!target.ok()) {
    std::fprintf(stderr, "cannot start the target: %s\n", target.error().to_string().c_str());
    return 2;
  }

  gc::Scenario s;
  s.name = "hello_proxy_outage";
  s.target_name = "hello";
  s.target = [&](const gc::RunContext&) -> gauntlet::Result<std::unique_ptr<gc::Target>> {
    return std::unique_ptr<gc::Target>(std::make_unique<gc::process::TargetRef>(**target));
  };
  s.load.mode = gc::LoopMode::kClosed;
  s.load.workers = 2;
  s.load.think_time = 5 * kNanosPerMilli;
  s.schedule = gc::FaultSchedule::window("hello.front", kNanosPerSecond, 2 * kNanosPerSecond);
  s.duration = 3 * kNanosPerSecond;
  s.phases = gc::steady_fault_recovery(kNanosPerSecond, 2 * kNanosPerSecond, s.duration);
  s.hypotheses = {gc::Hypothesis::error_rate_below("steady", 0.01), gc::Hypothesis::error_rate_below("recovery", 0.10),
                  gc::Hypothesis::conservation()};

  const std::uint64_t seed = 7;
  auto record = gc::run_scenario(s, gc::RunOptions{seed, gc::TimeMode::kReal, {}, {}});
  if (!record.ok()) {
    std::fprintf(stderr, "scenario error: %s\n", record.error().to_string().c_str());
    return 2;
  }
  for (const gc::Verdict& v : record->verdicts) {
    std::printf("[%s] %s %s: %s\n", v.holds ? "holds" : "fails", v.hypothesis.c_str(), v.phase.c_str(),
                v.evidence.c_str());
  }
  const auto* fault = record->phase("fault");
  const bool outage_seen = fault != nullptr && fault->error_rate > 0.9;
  std::printf("fault phase error rate: %.3f\n", fault != nullptr ? fault->error_rate : -1.0);
  if (!record->passed() || !outage_seen) {
    std::printf("FAILED; re-run with seed %llu: ./proxy_outage_scenario\n", static_cast<unsigned long long>(seed));
    return 1;
  }
  return 0;
}
