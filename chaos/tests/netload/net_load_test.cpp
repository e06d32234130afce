#include "gauntlet/chaos/netload/net_load.h"

#include "../proxy/test_sockets.h"
#include "canned_http_server.h"

#include <gtest/gtest.h>

namespace gauntlet::chaos::netload {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

NetLoadSpec raw_echo(std::uint16_t port) {
  NetLoadSpec spec;
  spec.target = {"127.0.0.1", port};
  spec.protocol = Protocol::kRawTcp;
  spec.raw_request = "hello";
  spec.raw_response_bytes = 5;
  spec.connections = 4;
  spec.duration_ns = 2 * kNanosPerSecond;
  return spec;
}

TEST(NetLoadTest, ClosedLoopStopsAtRequestCount) {
  proxy::testing::EchoServer echo;
  NetLoadSpec spec = raw_echo(echo.port());
  spec.max_requests = 500;
  auto r = run_net_load(spec, RealClock::instance());
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(r->sent, 500u);
  EXPECT_EQ(r->succeeded, 500u);
  EXPECT_EQ(r->failed, 0u);
  EXPECT_EQ(r->bytes_received, 2500u);
  EXPECT_EQ(r->latency.count, 500u);
  std::uint64_t in_timeline = 0;
  for (const NetSample& s : r->timeline) in_timeline += s.completed;
  EXPECT_EQ(in_timeline, 500u);
}

TEST(NetLoadTest, ConnectionsSpreadOverThreadsShareOneCount) {
  proxy::testing::EchoServer echo;
  NetLoadSpec spec = raw_echo(echo.port());
  spec.connections = 6;
  spec.threads = 3;
  spec.max_requests = 900;
  auto r = run_net_load(spec, RealClock::instance());
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(r->sent, 900u);
  EXPECT_EQ(r->succeeded, 900u);
  EXPECT_EQ(r->bytes_received, 4500u);
  EXPECT_EQ(r->latency.count, 900u);
}

TEST(NetLoadTest, OpenLoopSendsAtTheRateUntilTheDuration) {
  proxy::testing::EchoServer echo;
  NetLoadSpec spec = raw_echo(echo.port());
  spec.loop = LoadLoop::kOpen;
  spec.rate = 200;
  spec.duration_ns = 500 * kNanosPerMilli;
  auto r = run_net_load(spec, RealClock::instance());
  ASSERT_TRUE(r.ok());
  // 200/s for 0.5 s: intended sends at 0, 5, ..., 495 ms.
  EXPECT_EQ(r->sent + r->not_sent, 100u);
  EXPECT_EQ(r->succeeded, r->sent);
  EXPECT_GE(r->elapsed_ns, 495 * kNanosPerMilli);
}

TEST(NetLoadTest, RefusedConnectionsAreFailures) {
  auto port = proxy::testing::EchoServer().port();  // closed again: nothing listens
  NetLoadSpec spec = raw_echo(port);
  spec.connections = 1;
  spec.max_requests = 5;
  auto r = run_net_load(spec, RealClock::instance());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->succeeded, 0u);
  EXPECT_EQ(r->failed, 5u);
  EXPECT_EQ(r->connection_errors, 5u);
}

NetLoadSpec http_get(std::uint16_t port, std::uint64_t requests) {
  NetLoadSpec spec;
  spec.target = {"127.0.0.1", port};
  spec.connections = 1;
  spec.max_requests = requests;
  spec.duration_ns = 5 * kNanosPerSecond;
  return spec;
}

TEST(NetLoadTest, ErrorStatusesAreFailuresCountedByCode) {
  testing::CannedHttpServer server("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 4\r\n\r\nbusy");
  auto r = run_net_load(http_get(server.port(), 20), RealClock::instance());
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(r->succeeded, 0u);
  EXPECT_EQ(r->failed, 20u);
  EXPECT_EQ(r->status_counts.at(503), 20u);
  EXPECT_EQ(r->status_counts.count(200), 0u);
  EXPECT_EQ(r->connection_errors, 0u);
  EXPECT_EQ(server.connections(), 1u);  // one keep-alive connection throughout
}

TEST(NetLoadTest, ChunkedBodiesAreReadWhole) {
  const std::string response =
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n";
  testing::CannedHttpServer server(response);
  auto r = run_net_load(http_get(server.port(), 10), RealClock::instance());
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(r->succeeded, 10u);
  EXPECT_EQ(r->bytes_received, 10 * response.size());
  EXPECT_EQ(r->status_counts.at(200), 10u);
}

TEST(NetLoadTest, ConnectionCloseMakesANewConnectionPerRequest) {
  testing::CannedHttpServer server("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok");
  auto r = run_net_load(http_get(server.port(), 8), RealClock::instance());
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(r->succeeded, 8u);
  EXPECT_EQ(r->failed, 0u);
  EXPECT_EQ(server.connections(), 8u);
}

TEST(NetLoadTest, BodyEndingAtCloseIsComplete) {
  // No Content-Length and no chunking: the body ends where the server closes.
  testing::CannedHttpServer server("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nuntil the end");
  auto r = run_net_load(http_get(server.port(), 5), RealClock::instance());
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(r->succeeded, 5u);
  EXPECT_EQ(r->failed, 0u);
  EXPECT_EQ(server.connections(), 5u);
}

// Reads whatever arrives and never answers.
class SilentServer {
 public:
  SilentServer() : acceptor_([](tcp::socket socket) { drain(std::make_shared<Held>(std::move(socket))); }) {}
  std::uint16_t port() const { return acceptor_.port(); }

 private:
  struct Held {
    explicit Held(tcp::socket s) : socket(std::move(s)) {}
    tcp::socket socket;
    char sink[512];
  };
  static void drain(std::shared_ptr<Held> held) {
    held->socket.async_read_some(asio::buffer(held->sink), [held](boost::system::error_code ec, std::size_t) {
      if (!ec) drain(held);
    });
  }
  proxy::testing::LoopbackAcceptor acceptor_;
};

TEST(NetLoadTest, UnansweredRequestsTimeOutAndTheConnectionIsReplaced) {
  SilentServer server;
  NetLoadSpec spec = http_get(server.port(), 0);
  spec.connections = 2;
  spec.duration_ns = 500 * kNanosPerMilli;
  spec.request_timeout_ns = 100 * kNanosPerMilli;
  auto r = run_net_load(spec, RealClock::instance());
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(r->succeeded, 0u);
  // Each connection times out about every 100 ms for 0.5 s, then its last
  // request still ends (as a timeout) before the run returns.
  EXPECT_GE(r->timeouts, 6u);
  EXPECT_EQ(r->failed, r->timeouts);
  EXPECT_EQ(r->sent, r->timeouts);
  EXPECT_EQ(r->connection_errors, 0u);
}

TEST(NetLoadTest, InvalidSpecsNameTheField) {
  NetLoadSpec spec = raw_echo(1);
  spec.connections = 0;
  auto r = run_net_load(spec, RealClock::instance());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(r.error().message().find("connections"), std::string::npos);
  spec = raw_echo(1);
  spec.loop = LoadLoop::kOpen;
  EXPECT_NE(run_net_load(spec, RealClock::instance()).error().message().find("rate"), std::string::npos);
  spec = raw_echo(1);
  spec.target.host = "10.0.0.1";
  EXPECT_NE(run_net_load(spec, RealClock::instance()).error().message().find("loopback"), std::string::npos);
}

}  // namespace
}  // namespace gauntlet::chaos::netload
