// Network chaos benchmarks, each side by side with its reference in one run:
//  - load generator vs wrk against the same nginx (same connections, duration)
//  - latency added by the fault proxy (no toxics) vs a direct connection
//  - bulk throughput through the proxy vs direct
// Figures are Google Benchmark counters; ratios are computed here, never asserted.
#include "gauntlet/chaos/netload/net_load.h"
#include "gauntlet/chaos/process/nginx.h"
#include "gauntlet/chaos/proxy/proxy_server.h"
#include "gauntlet/harness/stats/location_shift.h"
#include "loopback_peers.h"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <regex>
#include <unistd.h>

namespace gauntlet::bench::net {
namespace {

using chaos::netload::NetLoadSpec;

constexpr int kConnections = 16;
constexpr int kSeconds = 2;
constexpr int kRounds = 6;  // wrk and Gauntlet each run kRounds times

std::uint16_t proxy_to(chaos::proxy::ProxyServer& server, const std::string& name, std::uint16_t upstream) {
  auto p = server.create({name, "127.0.0.1:0", "127.0.0.1:" + std::to_string(upstream), true});
  if (!p.ok()) return 0;
  return static_cast<std::uint16_t>(std::stoi(p->listen.substr(p->listen.rfind(':') + 1)));
}

// wrk's "Requests/sec:" for the same nginx, connections and duration; 0 when it fails.
double wrk_requests_per_second(std::uint16_t port, const std::filesystem::path& dir) {
  chaos::process::ProcessSpec spec;
  spec.name = "wrk";
  spec.program = "/usr/bin/wrk";
  spec.args = {"-t1", "-c" + std::to_string(kConnections), "-d" + std::to_string(kSeconds) + "s",
               "http://127.0.0.1:" + std::to_string(port) + "/"};
  spec.log_dir = dir;
  auto wrk = chaos::process::SupervisedProcess::launch(spec, RealClock::instance());
  if (!wrk.ok() || !(*wrk)->wait_exit((kSeconds + 10) * kNanosPerSecond).ok()) return 0;
  std::smatch m;
  const std::string out = (*wrk)->stdout_tail(8192);
  static const std::regex kRps(R"(Requests/sec:\s+([0-9.]+))");
  return std::regex_search(out, m, kRps) ? std::stod(m[1]) : 0;
}

// Rounds alternate which tool goes first (ours-wrk, wrk-ours, ...): on a shared
// machine the spread between two separate runs is larger than the difference
// being measured, so the figures are medians over the rounds and the ratio is
// the median of each round's ratio.
void BM_LoadGeneratorVsWrk(benchmark::State& state) {
  const auto dir = std::filesystem::temp_directory_path() / ("gauntlet_bench_net_" + std::to_string(::getpid()));
  chaos::process::NginxOptions options;
  options.dir = dir;
  auto nginx = chaos::process::launch_nginx(options, RealClock::instance());
  if (!nginx.ok()) {
    state.SkipWithError(nginx.error().to_string().c_str());
    return;
  }
  const std::uint16_t port = (*nginx)->spec().readiness.port;
  auto gauntlet_rps = [port] {
    NetLoadSpec spec;
    spec.target = {"127.0.0.1", port};
    spec.connections = kConnections;
    spec.threads = 1;
    spec.duration_ns = kSeconds * kNanosPerSecond;
    auto r = chaos::netload::run_net_load(spec, RealClock::instance());
    return r.ok() && r->failed == 0 ? r->requests_per_second : 0.0;
  };
  std::vector<double> ours, wrk, ratios;
  for (auto _ : state) {
    for (int round = 0; round < kRounds; ++round) {
      double a = 0, b = 0;
      if (round % 2 == 0) {
        a = gauntlet_rps();
        b = wrk_requests_per_second(port, dir);
      } else {
        b = wrk_requests_per_second(port, dir);
        a = gauntlet_rps();
      }
      ours.push_back(a);
      wrk.push_back(b);
      ratios.push_back(b > 0 ? a / b : 0);
    }
  }
  nginx->reset();  // stopped before its folder goes
  std::error_code ignored;
  std::filesystem::remove_all(dir, ignored);
  state.counters["gauntlet_rps"] = stats::median(ours);
  state.counters["wrk_rps"] = stats::median(wrk);
  state.counters["ratio_vs_wrk"] = stats::median(ratios);
  state.counters["ratio_min"] = *std::min_element(ratios.begin(), ratios.end());
  state.counters["ratio_max"] = *std::max_element(ratios.begin(), ratios.end());
}
BENCHMARK(BM_LoadGeneratorVsWrk)->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime();

// One-byte request/response over one connection: p50/p99 per request.
std::pair<double, double> ping_pong_us(std::uint16_t port) {
  NetLoadSpec spec;
  spec.target = {"127.0.0.1", port};
  spec.protocol = chaos::netload::Protocol::kRawTcp;
  spec.raw_request = "x";
  spec.raw_response_bytes = 1;
  spec.connections = 1;
  spec.max_requests = 20000;
  spec.duration_ns = 20 * kNanosPerSecond;
  auto r = chaos::netload::run_net_load(spec, RealClock::instance());
  if (!r.ok() || r->succeeded == 0) return {0, 0};
  return {r->service.quantile(0.5) / 1e3, r->service.quantile(0.99) / 1e3};
}

void BM_ProxyAddedLatency(benchmark::State& state) {
  LoopbackPeer echo(true);
  chaos::proxy::ProxyServer proxies;
  const std::uint16_t via = proxy_to(proxies, "echo", echo.port());
  std::pair<double, double> direct, proxied;
  for (auto _ : state) {
    direct = ping_pong_us(echo.port());
    proxied = ping_pong_us(via);
  }
  state.counters["direct_p50_us"] = direct.first;
  state.counters["proxy_p50_us"] = proxied.first;
  state.counters["added_p50_us"] = proxied.first - direct.first;
  state.counters["direct_p99_us"] = direct.second;
  state.counters["proxy_p99_us"] = proxied.second;
  state.counters["added_p99_us"] = proxied.second - direct.second;
}
BENCHMARK(BM_ProxyAddedLatency)->Iterations(1)->Unit(benchmark::kMillisecond)->UseRealTime();

// Writes `bytes` to a sink and waits until the sink has them all: GB/s.
double bulk_gb_per_s(std::uint16_t port, LoopbackPeer& sink, std::uint64_t bytes) {
  asio::io_context io;
  tcp::socket socket(io);
  socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  std::vector<char> chunk(256 * 1024, 'b');
  const std::uint64_t before = sink.received();
  const Nanos start = RealClock::instance().now_ns();
  for (std::uint64_t sent = 0; sent < bytes; sent += chunk.size()) asio::write(socket, asio::buffer(chunk));
  // Bounded wait for the last bytes (10 s).
  for (int i = 0; i < 100000 && sink.received() - before < bytes; ++i)
    std::this_thread::sleep_for(std::chrono::microseconds(100));
  const Nanos elapsed = RealClock::instance().now_ns() - start;
  return static_cast<double>(sink.received() - before) / to_seconds(elapsed) / 1e9;
}

void BM_ProxyBulkThroughput(benchmark::State& state) {
  LoopbackPeer sink(false);
  chaos::proxy::ProxyServer proxies;
  const std::uint16_t via = proxy_to(proxies, "sink", sink.port());
  constexpr std::uint64_t kBytes = 1ULL << 30;  // 1 GiB each way
  double direct = 0, proxied = 0;
  for (auto _ : state) {
    direct = bulk_gb_per_s(sink.port(), sink, kBytes);
    proxied = bulk_gb_per_s(via, sink, kBytes);
  }
  state.counters["direct_GBps"] = direct;
  state.counters["proxy_GBps"] = proxied;
  state.counters["proxy_vs_direct"] = direct > 0 ? proxied / direct : 0;
}
BENCHMARK(BM_ProxyBulkThroughput)->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime();

}  // namespace
}  // namespace gauntlet::bench::net

BENCHMARK_MAIN();
