// Tracing hot paths: starting and ending spans (sampled with no exporter, and
// unsampled) and W3C traceparent formatting/parsing. Compared against the
// physical references in bench_references.cpp by ci/bench_ratios.py.
#include "gauntlet/harness/tracing/trace_context.h"
#include "gauntlet/harness/tracing/tracer.h"

#include <benchmark/benchmark.h>

#include <array>

namespace {

using gauntlet::tracing::Sampler;
using gauntlet::tracing::Span;
using gauntlet::tracing::SpanContext;
using gauntlet::tracing::Tracer;
using gauntlet::tracing::TracerOptions;

// One tracer shared by all benchmark threads, as in a service.
Tracer& sampled_tracer() {
  static Tracer tracer(TracerOptions().with_seed(1).with_sampler(Sampler::always_on()));
  return tracer;
}

Tracer& unsampled_tracer() {
  static Tracer tracer(TracerOptions().with_seed(2).with_sampler(Sampler::always_off()));
  return tracer;
}

void BM_SpanStartEnd(benchmark::State& state) {
  Tracer& tracer = sampled_tracer();
  for (auto _ : state) {
    Span span = tracer.start_span("op");
    benchmark::DoNotOptimize(span.context().span_id);
    span.end();
  }
}
BENCHMARK(BM_SpanStartEnd)->Name("span_start_end/gauntlet")->Threads(1)->Threads(2)->UseRealTime();

void BM_SpanStartEndUnsampled(benchmark::State& state) {
  Tracer& tracer = unsampled_tracer();
  for (auto _ : state) {
    Span span = tracer.start_span("op");
    benchmark::DoNotOptimize(span.context().span_id);
    span.end();
  }
}
BENCHMARK(BM_SpanStartEndUnsampled)->Name("span_start_end_unsampled/gauntlet")->Threads(1)->Threads(2)->UseRealTime();

SpanContext bench_context() {
  return SpanContext{{0x0af7651916cd43ddULL, 0x8448eb211c80319cULL}, {0xb7ad6b7169203331ULL}, 1, "", false};
}

void BM_TraceparentFormat(benchmark::State& state) {
  SpanContext context = bench_context();
  std::array<char, gauntlet::tracing::kTraceparentSize> buffer{};
  for (auto _ : state) {
    benchmark::DoNotOptimize(context);
    gauntlet::tracing::format_traceparent(context, buffer);
    benchmark::DoNotOptimize(buffer.data());
    benchmark::ClobberMemory();
  }
}
BENCHMARK(BM_TraceparentFormat)->Name("traceparent_format/gauntlet")->Threads(1)->UseRealTime();

void BM_TraceparentParse(benchmark::State& state) {
  std::string_view value = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
  for (auto _ : state) {
    benchmark::DoNotOptimize(value);
    auto parsed = gauntlet::tracing::parse_traceparent(value);
    benchmark::DoNotOptimize(parsed);
  }
}
BENCHMARK(BM_TraceparentParse)->Name("traceparent_parse/gauntlet")->Threads(1)->UseRealTime();

}  // namespace
