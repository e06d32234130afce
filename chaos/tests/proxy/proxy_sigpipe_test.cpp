// A client that goes away mid-download must not end the process: the proxy's
// writes into its closed socket raise no SIGPIPE, with the default disposition.
#include "gauntlet/chaos/proxy/proxy_server.h"
#include "test_servers.h"

#include <gtest/gtest.h>

#include <csignal>

namespace gauntlet::chaos::proxy {
namespace {

using testing::Client;
using testing::port_of;
using testing::StreamingServer;
namespace asio = boost::asio;
using tcp = asio::ip::tcp;

// SIGPIPE's disposition is SIG_DFL (terminate) for the test; restored after.
class DefaultSigpipe {
 public:
  DefaultSigpipe() {
    struct sigaction dfl {};
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    ::sigaction(SIGPIPE, &dfl, &saved_);
  }
  ~DefaultSigpipe() { ::sigaction(SIGPIPE, &saved_, nullptr); }
  DefaultSigpipe(const DefaultSigpipe&) = delete;
  DefaultSigpipe& operator=(const DefaultSigpipe&) = delete;

 private:
  struct sigaction saved_ {};
};

// Reads `bytes` bytes of the download, then leaves: with RST (SO_LINGER 0) or a
// plain close, both with unread data that the proxy is still sending.
std::size_t download_and_leave(std::uint16_t port, std::size_t bytes, bool reset) {
  asio::io_context io;
  tcp::socket socket(io);
  boost::system::error_code ec;
  socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port), ec);
  if (ec) return 0;
  timeval tv{5, 0};
  ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  std::vector<char> buf(64 * 1024);
  std::size_t got = 0;
  while (got < bytes && !ec) got += socket.read_some(asio::buffer(buf), ec);
  if (reset) socket.set_option(asio::socket_base::linger(true, 0), ec);
  socket.close(ec);
  return got;
}

enum class Path { kSplice, kLatency, kBandwidth };

class ProxyClientGoneTest : public ::testing::TestWithParam<Path> {};

TEST_P(ProxyClientGoneTest, ProcessSurvivesAndTheProxyServesTheNextClient) {
  DefaultSigpipe default_disposition;
  struct sigaction now {};
  ASSERT_EQ(::sigaction(SIGPIPE, nullptr, &now), 0);
  ASSERT_EQ(now.sa_handler, SIG_DFL);

  StreamingServer upstream(64 << 20);
  ProxyServer server{ProxyOptions{3, false}};
  auto p = server.create({"stream", "127.0.0.1:0", upstream.address(), true});
  ASSERT_TRUE(p.ok()) << p.error().to_string();
  const std::uint16_t port = port_of(p->listen);
  Toxic t;
  t.name = "copying";
  if (GetParam() == Path::kLatency) {
    t.type = ToxicType::kLatency;  // latency 0: the copying path, no delay
  } else if (GetParam() == Path::kBandwidth) {
    t.type = ToxicType::kBandwidth;
    t.rate = 400000;  // 400 MB/s: the copying path, barely slower
  }
  if (GetParam() != Path::kSplice) {
    ASSERT_TRUE(server.add_toxic("stream", t).ok());
  }

  for (int i = 0; i < 8; ++i) {
    EXPECT_GE(download_and_leave(port, 1 << 20, /*reset=*/i % 2 == 0), std::size_t{1} << 20) << "client " << i;
  }
  // Still here; and the proxy serves the next client in full.
  Client next(port);
  ASSERT_FALSE(next.connect_error);
  EXPECT_EQ(next.receive(4 << 20).size(), std::size_t{4} << 20) << next.error.message();
  EXPECT_EQ(server.stats("stream")->connections, 9u);
}

INSTANTIATE_TEST_SUITE_P(Paths, ProxyClientGoneTest, ::testing::Values(Path::kSplice, Path::kLatency, Path::kBandwidth),
                         [](const ::testing::TestParamInfo<Path>& path) {
                           switch (path.param) {
                             case Path::kSplice:
                               return "Splice";
                             case Path::kLatency:
                               return "ZeroLatencyToxic";
                             case Path::kBandwidth:
                               return "BandwidthToxic";
                           }
                           return "Unknown";
                         });

}  // namespace
}  // namespace gauntlet::chaos::proxy
