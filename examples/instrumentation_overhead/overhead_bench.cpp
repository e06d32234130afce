// Seed 000's "instrumentation overhead below 1%" for a consumer's own
// operation: handling one request (parse an HTTP/1.1 header block, hash the
// body; about 9 us) plain, instrumented with Gauntlet metrics (one counter
// increment and one histogram observe per request), and deliberately
// over-instrumented (500 histogram observes per request), all in one process
// so that the gate's ratio rules can compare them repetition by repetition.
#include <benchmark/benchmark.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "gauntlet/harness/metrics/registry.h"

namespace {

namespace gm = gauntlet::metrics;

// Eight requests of different sizes (headers and a 3-11 KiB body), cycled.
std::vector<std::string> make_requests() {
  std::vector<std::string> requests;
  for (int r = 0; r < 8; ++r) {
    std::string req = "POST /api/v1/orders/" + std::to_string(1000 + r) +
                      "?expand=items&trace=" + std::to_string(r * 7919) + " HTTP/1.1\r\n";
    req += "Host: orders.internal.example\r\n";
    req += "User-Agent: gauntlet-example/1.0\r\n";
    req += "Accept: application/json\r\n";
    req += "Content-Type: application/json\r\n";
    for (int h = 0; h < 6 + r; ++h)
      req += "X-Request-Meta-" + std::to_string(h) + ": value-" + std::to_string(h * 31 + r) + "\r\n";
    const std::size_t body_size = 3072 + 1152 * static_cast<std::size_t>(r);
    req += "Content-Length: " + std::to_string(body_size) + "\r\n\r\n";
    for (std::size_t i = 0; i < body_size; ++i)
      req += static_cast<char>('a' + (i * 131 + static_cast<std::size_t>(r)) % 26);
    requests.push_back(std::move(req));
  }
  return requests;
}

const std::vector<std::string>& requests() {
  static const std::vector<std::string> r = make_requests();
  return r;
}

struct Parsed {
  std::size_t headers = 0;
  std::size_t body_bytes = 0;
  std::uint64_t digest = 0;
};

// The operation under test, identical machine code for every variant (never
// inlined, so the plain and instrumented loops call the same function).
[[gnu::noinline]] Parsed handle_request(std::string_view req) {
  Parsed p;
  std::uint64_t h = 1469598103934665603ull;  // FNV-1a
  std::size_t pos = req.find("\r\n");        // request line
  if (pos == std::string_view::npos) return p;
  pos += 2;
  while (pos < req.size()) {
    const std::size_t end = req.find("\r\n", pos);
    if (end == std::string_view::npos || end == pos) {  // blank line: end of headers
      pos = end == std::string_view::npos ? req.size() : end + 2;
      break;
    }
    const std::string_view line = req.substr(pos, end - pos);
    const std::size_t colon = line.find(':');
    if (colon != std::string_view::npos) {
      ++p.headers;
      for (std::size_t i = 0; i < colon; ++i) {  // case-insensitive header name
        char c = line[i];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
      }
    }
    pos = end + 2;
  }
  const std::string_view body = req.substr(pos);
  p.body_bytes = body.size();
  for (char c : body) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  p.digest = h;
  return p;
}

struct Metrics {
  gm::Registry registry;
  gm::Counter* requests = nullptr;
  gm::Histogram* body_bytes = nullptr;
  Metrics() {
    auto c = registry.counter("requests_total", "Requests handled.");
    auto h = registry.histogram("request_body_bytes", "Body size of each request.");
    if (!c.ok() || !h.ok()) std::abort();
    requests = *c;
    body_bytes = *h;
  }
};

Metrics& metrics() {
  static Metrics m;
  return m;
}

void request_plain(benchmark::State& state) {
  const auto& reqs = requests();
  std::size_t i = 0;
  for (auto _ : state) {
    const Parsed p = handle_request(reqs[i++ & 7]);
    benchmark::DoNotOptimize(p);
  }
  state.SetItemsProcessed(state.iterations());
}

// `observes` histogram observes per request (1: realistic; 500: over-instrumented).
void request_instrumented(benchmark::State& state, int observes) {
  const auto& reqs = requests();
  Metrics& m = metrics();
  std::size_t i = 0;
  for (auto _ : state) {
    const Parsed p = handle_request(reqs[i++ & 7]);
    m.requests->inc();
    for (int k = 0; k < observes; ++k)
      m.body_bytes->record(static_cast<double>(p.body_bytes + static_cast<std::size_t>(k)));
    benchmark::DoNotOptimize(p);
  }
  state.SetItemsProcessed(state.iterations());
}

}  // namespace

BENCHMARK(request_plain)->Name("BM_Request/plain");
BENCHMARK_CAPTURE(request_instrumented, instrumented, 1)->Name("BM_Request/instrumented");
BENCHMARK_CAPTURE(request_instrumented, over_instrumented, 500)->Name("BM_Request/over_instrumented");
BENCHMARK_MAIN();
