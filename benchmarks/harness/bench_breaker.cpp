// Circuit breaker hot path in CLOSED: asking for a permit (and dropping it),
// and asking plus recording a fast success, with 1 and 2 threads sharing one
// breaker. Compare with atomic_add/reference from the same run.
#include "gauntlet/harness/breaker/circuit_breaker.h"

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <memory>

namespace {

using gauntlet::breaker::BreakerConfig;
using gauntlet::breaker::CircuitBreaker;
using gauntlet::breaker::Permit;

std::unique_ptr<CircuitBreaker> make_closed_breaker(const char* name) {
  auto created = CircuitBreaker::create(name, BreakerConfig{});
  if (!created.ok()) std::abort();
  return std::move(created).value();
}

// One breaker per benchmark, shared by all of its threads, never destroyed
// while threads may still run.
CircuitBreaker& allow_breaker() {
  static std::unique_ptr<CircuitBreaker> breaker = make_closed_breaker("bench_allow");
  return *breaker;
}
CircuitBreaker& allow_record_breaker() {
  static std::unique_ptr<CircuitBreaker> breaker = make_closed_breaker("bench_allow_record");
  return *breaker;
}
CircuitBreaker& call_breaker() {
  static std::unique_ptr<CircuitBreaker> breaker = make_closed_breaker("bench_call");
  return *breaker;
}

// try_acquire in CLOSED; the unused permit is given back.
void breaker_allow(benchmark::State& state) {
  CircuitBreaker& breaker = allow_breaker();
  for (auto _ : state) {
    Permit permit = breaker.try_acquire();
    benchmark::DoNotOptimize(permit.granted());
  }
}
BENCHMARK(breaker_allow)->Name("breaker_allow/gauntlet")->Threads(1)->Threads(2)->UseRealTime();

// try_acquire plus record_success with a caller-measured duration.
void breaker_allow_record(benchmark::State& state) {
  CircuitBreaker& breaker = allow_record_breaker();
  for (auto _ : state) {
    Permit permit = breaker.try_acquire();
    permit.record_success(1000);
  }
}
BENCHMARK(breaker_allow_record)->Name("breaker_allow_record/gauntlet")->Threads(1)->Threads(2)->UseRealTime();

// call(): the breaker times the call itself (two RealClock reads).
void breaker_call(benchmark::State& state) {
  CircuitBreaker& breaker = call_breaker();
  int value = 0;
  for (auto _ : state) {
    value += breaker.call([] { return 1; }, [] { return 0; });
  }
  benchmark::DoNotOptimize(value);
}
BENCHMARK(breaker_call)->Name("breaker_call/gauntlet")->Threads(1)->Threads(2)->UseRealTime();

}  // namespace
