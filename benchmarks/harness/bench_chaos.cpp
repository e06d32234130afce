// Chaos engine: the cost of a fault point (disarmed and armed) and how many
// simulated seconds the virtual-time scheduler runs per wall second.
#include <benchmark/benchmark.h>

#include "gauntlet/chaos/fault_point.h"
#include "gauntlet/chaos/fault_registry.h"
#include "gauntlet/chaos/runner.h"
#include "gauntlet/chaos/scenarios/builtin.h"

namespace {

using gauntlet::chaos::FaultOutcome;

// Disarmed: one relaxed load of the site's state and a not-taken branch; the
// same shape as bool_load/reference in bench_references.cpp.
void fault_point_disarmed(benchmark::State& state) {
  std::uint64_t taken = 0;
  for (auto _ : state) {
    GAUNTLET_FAULT_POINT_CALLBACK("bench.disarmed", [&](const FaultOutcome&) { ++taken; });
    benchmark::ClobberMemory();
  }
  benchmark::DoNotOptimize(taken);
}
BENCHMARK(fault_point_disarmed)->Name("fault_point_disarmed/gauntlet")->Threads(1)->Threads(2)->UseRealTime();

// Armed with `return`: every hit takes the slow path, decides and fires.
void fault_point_armed(benchmark::State& state) {
  if (state.thread_index() == 0) {
    gauntlet::chaos::FaultRegistry::instance().reset(1);
    if (!gauntlet::chaos::FaultRegistry::instance().arm("bench.armed", "return")) state.SkipWithError("arm failed");
  }
  std::uint64_t fired = 0;
  for (auto _ : state) {
    GAUNTLET_FAULT_POINT_CALLBACK("bench.armed", [&](const FaultOutcome&) { ++fired; });
    benchmark::ClobberMemory();
  }
  benchmark::DoNotOptimize(fired);
  if (state.thread_index() == 0) gauntlet::chaos::FaultRegistry::instance().disarm("bench.armed");
}
BENCHMARK(fault_point_armed)->Name("fault_point_armed/gauntlet")->Threads(1)->UseRealTime();

// The 60-second gradual_failure built-in (6,000 requests through A -> B -> C)
// in virtual time; sim_s_per_wall_s is simulated seconds per wall second.
void chaos_virtual_time(benchmark::State& state) {
  auto scenario = gauntlet::chaos::builtin_scenario("gradual_failure");
  if (!scenario) {
    state.SkipWithError(scenario.error().message().c_str());
    return;
  }
  gauntlet::chaos::RunOptions options;
  options.seed = 1;
  for (auto _ : state) {
    auto run = gauntlet::chaos::run_scenario(*scenario, options);
    benchmark::DoNotOptimize(run);
  }
  const double simulated = gauntlet::to_seconds(scenario->duration) * static_cast<double>(state.iterations());
  state.counters["sim_s_per_wall_s"] = benchmark::Counter(simulated, benchmark::Counter::kIsRate);
}
BENCHMARK(chaos_virtual_time)->Name("chaos_virtual_time_60s/gauntlet")->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
