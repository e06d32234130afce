// Upstreams given by host name: resolved when the proxy is created, held to
// the loopback rule, and accepted even when they do not resolve (as Toxiproxy
// does), their connections then closed.
#include "gauntlet/chaos/proxy/proxy_server.h"
#include "test_sockets.h"

#include <gtest/gtest.h>

#include "gauntlet/harness/testing/status_matchers.h"

#include <algorithm>
#include <cstring>
#include <vector>

#include <netdb.h>
#include <unistd.h>

namespace gauntlet::chaos::proxy {
namespace {

using testing::Client;
using testing::EchoServer;
using testing::port_of;
namespace asio = boost::asio;

constexpr const char* kUnresolvable = "no-such-host.invalid";  // RFC 6761: never resolves

void expect_echo(std::uint16_t port) {
  Client c(port, 3000);
  ASSERT_FALSE(c.connect_error);
  ASSERT_TRUE(c.send("PING"));
  EXPECT_EQ(c.receive(4), "PING") << c.error.message();
}

TEST(ProxyUpstreamNameTest, LocalhostUpstreamCarriesBytesAndIsListedAsGiven) {
  EchoServer echo;
  ProxyServer server;
  const std::string upstream = "localhost:" + std::to_string(echo.port());
  auto p = server.create({"local", "127.0.0.1:0", upstream, true});
  ASSERT_TRUE(p.ok()) << p.error().to_string();
  EXPECT_EQ(p->upstream, upstream);
  EXPECT_EQ(server.list().at(0).upstream, upstream);
  expect_echo(port_of(p->listen));
}

// The machine's own name: where it resolves to loopback addresses only, the
// proxy carries bytes to it; where it resolves elsewhere, the proxy is refused
// with the address named, unless remote addresses are allowed.
TEST(ProxyUpstreamNameTest, HostNameFollowsTheLoopbackRule) {
  char name[256] = {};
  ASSERT_EQ(::gethostname(name, sizeof name - 1), 0);
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (::getaddrinfo(name, "1", &hints, &found) != 0) GTEST_SKIP() << "host name '" << name << "' does not resolve";
  std::vector<asio::ip::address> addresses;
  for (addrinfo* a = found; a; a = a->ai_next) {
    asio::ip::tcp::endpoint e;
    std::memcpy(e.data(), a->ai_addr, a->ai_addrlen);
    addresses.push_back(e.address());
  }
  ::freeaddrinfo(found);
  ASSERT_FALSE(addresses.empty());
  const auto remote = std::find_if(addresses.begin(), addresses.end(), [](const auto& a) { return !a.is_loopback(); });
  ProxyServer server;
  if (remote == addresses.end()) {
    EchoServer echo(addresses.front().to_string());
    const std::string upstream = std::string(name) + ":" + std::to_string(echo.port());
    auto p = server.create({"named", "127.0.0.1:0", upstream, true});
    ASSERT_TRUE(p.ok()) << p.error().to_string();
    EXPECT_EQ(server.get("named")->upstream, upstream);
    expect_echo(port_of(p->listen));
  } else {
    const std::string upstream = std::string(name) + ":80";
    auto refused = server.create({"named", "127.0.0.1:0", upstream, true});
    EXPECT_THAT(refused, matchers::StatusIs(ErrorCode::kInvalidArgument,
                                            ::testing::AllOf(::testing::HasSubstr("upstream"),
                                                             ::testing::HasSubstr(remote->to_string()))));
    ProxyServer remote_allowed{ProxyOptions{1, true}};
    EXPECT_TRUE(remote_allowed.create({"named", "127.0.0.1:0", upstream, true}).ok());
  }
}

TEST(ProxyUpstreamNameTest, UnresolvableNameIsAcceptedAndItsConnectionsClosed) {
  ProxyServer server;
  const std::string upstream = std::string(kUnresolvable) + ":12345";
  auto p = server.create({"nowhere", "127.0.0.1:0", upstream, true});
  ASSERT_TRUE(p.ok()) << p.error().to_string();
  EXPECT_EQ(server.get("nowhere")->upstream, upstream);
  Client c(port_of(p->listen), 3000);
  ASSERT_FALSE(c.connect_error);
  EXPECT_EQ(c.receive(1), "");
  EXPECT_TRUE(c.error == asio::error::eof || c.error == asio::error::connection_reset) << c.error.message();
  EXPECT_EQ(server.stats("nowhere")->connections, 1u);
}

TEST(ProxyUpstreamNameTest, UpdateToANameAndBackToAnAddress) {
  EchoServer echo;
  ProxyServer server;
  auto p = server.create({"moving", "127.0.0.1:0", echo.address(), true});
  ASSERT_TRUE(p.ok()) << p.error().to_string();
  const std::uint16_t port = port_of(p->listen);
  auto away = server.update("moving", ProxyUpdate{std::nullopt, std::string(kUnresolvable) + ":1", std::nullopt});
  ASSERT_TRUE(away.ok()) << away.error().to_string();
  EXPECT_EQ(away->upstream, std::string(kUnresolvable) + ":1");
  Client lost(port, 3000);
  EXPECT_EQ(lost.receive(1), "");
  EXPECT_NE(lost.error, asio::error::would_block) << "closed by the proxy, not by the client's own timeout";
  auto back =
      server.update("moving", ProxyUpdate{std::nullopt, "localhost:" + std::to_string(echo.port()), std::nullopt});
  ASSERT_TRUE(back.ok()) << back.error().to_string();
  expect_echo(port);
}

TEST(ProxyUpstreamNameTest, MalformedUpstreamsAreRefused) {
  ProxyServer server;
  for (const char* bad : {"redis", "redis:", "redis:port", "redis:70000", ":"}) {
    auto p = server.create({"bad", "127.0.0.1:0", bad, true});
    EXPECT_THAT(p, matchers::StatusIs(ErrorCode::kInvalidArgument, ::testing::HasSubstr("upstream"))) << bad;
  }
}

}  // namespace
}  // namespace gauntlet::chaos::proxy
