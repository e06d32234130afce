// A latency toxic delays a response once, however many chunks it comes in:
// each chunk waits the latency from its own arrival, as Toxiproxy's does.
#include "gauntlet/chaos/proxy/proxy_server.h"
#include "gauntlet/harness/clock.h"
#include "test_servers.h"

#include <gtest/gtest.h>

namespace gauntlet::chaos::proxy {
namespace {

using testing::ChunkedResponder;
using testing::Client;
using testing::port_of;

constexpr std::int64_t kLatencyMs = 200;
constexpr std::size_t kChunkBytes = 1000;

// From sending the request to the last byte of a `bytes`-byte response.
double ms_to_last_byte(std::uint16_t port, std::size_t bytes) {
  Client client(port, 3000);
  const Nanos start = RealClock::instance().now_ns();
  EXPECT_TRUE(client.send("GET / HTTP/1.0\r\n\r\n"));
  EXPECT_EQ(client.receive(bytes).size(), bytes) << client.error.message();
  return static_cast<double>(RealClock::instance().now_ns() - start) / static_cast<double>(kNanosPerMilli);
}

class ProxyLatencyPerResponseTest : public ::testing::TestWithParam<int> {};

TEST_P(ProxyLatencyPerResponseTest, ResponseInChunksIsDelayedOnce) {
  const int chunks = GetParam();
  ChunkedResponder upstream(chunks, std::chrono::milliseconds(20), kChunkBytes);
  ProxyServer server{ProxyOptions{5, false}};
  auto p = server.create({"http", "127.0.0.1:0", upstream.address(), true});
  ASSERT_TRUE(p.ok()) << p.error().to_string();
  const std::uint16_t port = port_of(p->listen);
  const std::size_t bytes = kChunkBytes * static_cast<std::size_t>(chunks);

  const double plain_ms = ms_to_last_byte(port, bytes);
  Toxic latency;
  latency.name = "latency";
  latency.latency = kLatencyMs;
  ASSERT_TRUE(server.add_toxic("http", latency).ok());
  const double delayed_ms = ms_to_last_byte(port, bytes);

  const double added_ms = delayed_ms - plain_ms;
  RecordProperty("added_ms", std::to_string(added_ms));
  std::printf("%d chunk(s): %.1f ms without the toxic, %.1f ms with it: %.1f ms added\n", chunks, plain_ms, delayed_ms,
              added_ms);
  EXPECT_NEAR(added_ms, static_cast<double>(kLatencyMs), 0.1 * kLatencyMs);
}

INSTANTIATE_TEST_SUITE_P(Chunks, ProxyLatencyPerResponseTest, ::testing::Values(1, 3, 10));

}  // namespace
}  // namespace gauntlet::chaos::proxy
