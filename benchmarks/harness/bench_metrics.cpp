// Gauntlet's metrics side by side with prometheus-cpp, one run, shared
// instances across threads. Names: <operation>/<implementation>.
#include "gauntlet/harness/clock.h"
#include "gauntlet/harness/metrics/exposition.h"
#include "gauntlet/harness/metrics/registry.h"
#include "gauntlet/harness/metrics/timer.h"

#include <benchmark/benchmark.h>
#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>
#include <prometheus/summary.h>
#include <prometheus/text_serializer.h>

#include <array>
#include <chrono>
#include <cmath>
#include <random>
#include <string>

namespace {

namespace gm = gauntlet::metrics;

// Latency-like inputs (1 us .. 1 s in ns, log-uniform), cycled by every
// histogram benchmark so both implementations see the same values.
const std::array<double, 1024>& sample_values() {
  static const std::array<double, 1024> values = [] {
    std::array<double, 1024> v{};
    std::mt19937_64 rng(42);
    std::uniform_real_distribution<double> exponent(std::log(1e3), std::log(1e9));
    for (double& x : v) x = std::exp(exponent(rng));
    return v;
  }();
  return values;
}

// prometheus-cpp histograms: 12 exponential buckets over the same range.
prometheus::Histogram::BucketBoundaries twelve_buckets() {
  prometheus::Histogram::BucketBoundaries b;
  for (int i = 0; i < 12; ++i) b.push_back(1e3 * std::pow(10.0, i * 6.0 / 11.0));
  return b;
}

// The same 12 boundaries as Gauntlet export bounds (for exposition).
gm::HistogramOptions twelve_bound_options() {
  const auto b = twelve_buckets();
  return gm::HistogramOptions::range(1.0, 3.6e12, std::vector<double>(b.begin(), b.end()));
}

template <typename T>
T& must(gauntlet::Result<T>&& r) {
  if (!r.ok()) std::abort();
  return r.value();
}

// ---- shared instances -------------------------------------------------------

struct GauntletMetrics {
  gm::Registry registry;
  gm::Counter& counter = *must(registry.counter("bench_requests", "Requests."));
  gm::Gauge& gauge = *must(registry.gauge("bench_queue_depth", "Queue depth."));
  gm::Histogram& histogram = *must(registry.histogram("bench_latency", "Latency.", twelve_bound_options()));
  gm::Histogram& timer_histogram = *must(registry.histogram("bench_scope", "Scope time."));
};
GauntletMetrics& gauntlet_metrics() {
  static GauntletMetrics m;
  return m;
}

struct PrometheusMetrics {
  std::shared_ptr<prometheus::Registry> registry = std::make_shared<prometheus::Registry>();
  prometheus::Counter& counter =
      prometheus::BuildCounter().Name("bench_requests_total").Help("Requests.").Register(*registry).Add({});
  prometheus::Gauge& gauge =
      prometheus::BuildGauge().Name("bench_queue_depth").Help("Queue depth.").Register(*registry).Add({});
  prometheus::Histogram& histogram =
      prometheus::BuildHistogram().Name("bench_latency").Help("Latency.").Register(*registry).Add({}, twelve_buckets());
  prometheus::Histogram& timer_histogram = prometheus::BuildHistogram()
                                               .Name("bench_scope")
                                               .Help("Scope time.")
                                               .Register(*registry)
                                               .Add({}, twelve_buckets());
  prometheus::Summary& summary = prometheus::BuildSummary()
                                     .Name("bench_summary")
                                     .Help("Latency summary.")
                                     .Register(*registry)
                                     .Add({}, prometheus::Summary::Quantiles{{0.5, 0.05}, {0.95, 0.01}, {0.99, 0.001}});
};
PrometheusMetrics& prometheus_metrics() {
  static PrometheusMetrics m;
  return m;
}

// ---- counter_inc, gauge_set --------------------------------------------------

void counter_inc_gauntlet(benchmark::State& state) {
  gm::Counter& c = gauntlet_metrics().counter;
  for (auto _ : state) c.inc();
}
BENCHMARK(counter_inc_gauntlet)->Name("counter_inc/gauntlet")->Threads(1)->Threads(2)->UseRealTime();

void counter_inc_prometheus(benchmark::State& state) {
  prometheus::Counter& c = prometheus_metrics().counter;
  for (auto _ : state) c.Increment();
}
BENCHMARK(counter_inc_prometheus)->Name("counter_inc/prometheus_cpp")->Threads(1)->Threads(2)->UseRealTime();

void gauge_set_gauntlet(benchmark::State& state) {
  gm::Gauge& g = gauntlet_metrics().gauge;
  double v = 0;
  for (auto _ : state) g.set(v += 1.0);
}
BENCHMARK(gauge_set_gauntlet)->Name("gauge_set/gauntlet")->Threads(1)->Threads(2)->UseRealTime();

void gauge_set_prometheus(benchmark::State& state) {
  prometheus::Gauge& g = prometheus_metrics().gauge;
  double v = 0;
  for (auto _ : state) g.Set(v += 1.0);
}
BENCHMARK(gauge_set_prometheus)->Name("gauge_set/prometheus_cpp")->Threads(1)->Threads(2)->UseRealTime();

// ---- histogram_record, summary_observe ---------------------------------------

void histogram_record_gauntlet(benchmark::State& state) {
  gm::Histogram& h = gauntlet_metrics().histogram;
  const auto& values = sample_values();
  std::size_t i = static_cast<std::size_t>(state.thread_index()) * 97;
  for (auto _ : state) h.record(values[i++ & 1023]);
}
BENCHMARK(histogram_record_gauntlet)->Name("histogram_record/gauntlet")->Threads(1)->Threads(2)->UseRealTime();

void histogram_record_prometheus(benchmark::State& state) {
  prometheus::Histogram& h = prometheus_metrics().histogram;
  const auto& values = sample_values();
  std::size_t i = static_cast<std::size_t>(state.thread_index()) * 97;
  for (auto _ : state) h.Observe(values[i++ & 1023]);
}
BENCHMARK(histogram_record_prometheus)->Name("histogram_record/prometheus_cpp")->Threads(1)->Threads(2)->UseRealTime();

void summary_observe_prometheus(benchmark::State& state) {
  prometheus::Summary& s = prometheus_metrics().summary;
  const auto& values = sample_values();
  std::size_t i = static_cast<std::size_t>(state.thread_index()) * 97;
  for (auto _ : state) s.Observe(values[i++ & 1023]);
}
BENCHMARK(summary_observe_prometheus)->Name("summary_observe/prometheus_cpp")->Threads(1)->Threads(2)->UseRealTime();

// ---- timer_scope: read the clock twice and record the difference -------------

void timer_scope_gauntlet(benchmark::State& state) {
  gm::Histogram& h = gauntlet_metrics().timer_histogram;
  const gauntlet::Clock& clock = gauntlet::RealClock::instance();
  for (auto _ : state) {
    gm::Timer timer(h, clock);
  }
}
BENCHMARK(timer_scope_gauntlet)->Name("timer_scope/gauntlet")->Threads(1)->Threads(2)->UseRealTime();

void timer_scope_prometheus(benchmark::State& state) {
  prometheus::Histogram& h = prometheus_metrics().timer_histogram;
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    h.Observe(static_cast<double>((std::chrono::steady_clock::now() - start).count()));
  }
}
BENCHMARK(timer_scope_prometheus)->Name("timer_scope/prometheus_cpp")->Threads(1)->Threads(2)->UseRealTime();

// ---- exposition_100_mixed: 50 counters, 25 gauges, 25 histograms -------------

struct GauntletMixed {
  gm::Registry registry;
  GauntletMixed() {
    auto& counters = *must(registry.counter_family("mixed_requests", "Requests.", {"id"}));
    auto& gauges = *must(registry.gauge_family("mixed_depth", "Depth.", {"id"}));
    auto& histograms = *must(registry.histogram_family("mixed_latency", "Latency.", {"id"}, twelve_bound_options()));
    const auto& values = sample_values();
    for (int i = 0; i < 50; ++i) must(counters.with({{"id", std::to_string(i)}}))->inc(static_cast<unsigned>(i));
    for (int i = 0; i < 25; ++i) must(gauges.with({{"id", std::to_string(i)}}))->set(i * 1.5);
    for (int i = 0; i < 25; ++i) {
      gm::Histogram* h = must(histograms.with({{"id", std::to_string(i)}}));
      for (int k = 0; k < 100; ++k) h->record(values[static_cast<std::size_t>(i * 100 + k) & 1023]);
    }
  }
};

struct PrometheusMixed {
  std::shared_ptr<prometheus::Registry> registry = std::make_shared<prometheus::Registry>();
  PrometheusMixed() {
    auto& counters = prometheus::BuildCounter().Name("mixed_requests_total").Help("Requests.").Register(*registry);
    auto& gauges = prometheus::BuildGauge().Name("mixed_depth").Help("Depth.").Register(*registry);
    auto& histograms = prometheus::BuildHistogram().Name("mixed_latency").Help("Latency.").Register(*registry);
    const auto& values = sample_values();
    for (int i = 0; i < 50; ++i) counters.Add({{"id", std::to_string(i)}}).Increment(i);
    for (int i = 0; i < 25; ++i) gauges.Add({{"id", std::to_string(i)}}).Set(i * 1.5);
    for (int i = 0; i < 25; ++i) {
      auto& h = histograms.Add({{"id", std::to_string(i)}}, twelve_buckets());
      for (int k = 0; k < 100; ++k) h.Observe(values[static_cast<std::size_t>(i * 100 + k) & 1023]);
    }
  }
};

void exposition_gauntlet(benchmark::State& state) {
  static GauntletMixed mixed;
  std::string out;
  for (auto _ : state) {
    out.clear();
    gm::append_prometheus_text(mixed.registry.snapshot(), out);
    benchmark::DoNotOptimize(out.data());
  }
  state.counters["bytes"] = static_cast<double>(out.size());
}
BENCHMARK(exposition_gauntlet)->Name("exposition_100_mixed/gauntlet")->Threads(1)->UseRealTime();

void exposition_prometheus(benchmark::State& state) {
  static PrometheusMixed mixed;
  const prometheus::TextSerializer serializer;
  std::string out;
  for (auto _ : state) {
    out = serializer.Serialize(mixed.registry->Collect());
    benchmark::DoNotOptimize(out.data());
  }
  state.counters["bytes"] = static_cast<double>(out.size());
}
BENCHMARK(exposition_prometheus)->Name("exposition_100_mixed/prometheus_cpp")->Threads(1)->UseRealTime();

}  // namespace
