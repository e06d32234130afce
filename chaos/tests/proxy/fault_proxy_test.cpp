#include "gauntlet/chaos/proxy/proxy_server.h"
#include "gauntlet/harness/clock.h"
#include "test_sockets.h"

#include <gtest/gtest.h>

#include "gauntlet/harness/testing/status_matchers.h"

namespace gauntlet::chaos::proxy {
namespace {

using testing::Client;
using testing::EchoServer;
using testing::port_of;

Nanos now() { return RealClock::instance().now_ns(); }

struct ProxyFixture : ::testing::Test {
  EchoServer echo;
  ProxyServer server{ProxyOptions{42, false}};
  std::uint16_t port = 0;
  void SetUp() override {
    auto p = server.create({"echo", "127.0.0.1:0", echo.address(), true});
    ASSERT_TRUE(p.ok()) << p.error().to_string();
    port = port_of(p->listen);
    ASSERT_NE(port, 0);
  }
  Toxic toxic(ToxicType type, Stream stream = Stream::kDownstream) {
    Toxic t;
    t.type = type;
    t.stream = stream;
    t.name = "t";
    return t;
  }
};

TEST_F(ProxyFixture, PassesBytesBothWaysWithoutToxics) {
  Client c(port);
  ASSERT_FALSE(c.connect_error);
  std::string payload(200000, 'x');
  for (std::size_t i = 0; i < payload.size(); ++i) payload[i] = static_cast<char>('a' + i % 26);
  ASSERT_TRUE(c.send(payload));
  EXPECT_EQ(c.receive(payload.size()), payload);
  c.shutdown_send();
  EXPECT_EQ(c.receive(1), "");
  EXPECT_EQ(c.error, boost::asio::error::eof);
  EXPECT_EQ(server.stats("echo")->connections, 1u);
}

// Without toxics the bytes move by splice(2); a toxic added while the
// connection idles applies to the next bytes all the same.
TEST_F(ProxyFixture, LargeTransferIsExactAndALaterToxicStillApplies) {
  Client c(port);
  ASSERT_FALSE(c.connect_error);
  std::string payload(8 << 20, '\0');
  std::uint64_t x = 88172645463325252ULL;  // xorshift: every byte value, no period in 8 MiB
  for (char& ch : payload) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    ch = static_cast<char>(x);
  }
  std::string echoed;  // 256 KiB at a time: the echo cannot outrun the client's reads
  for (std::size_t at = 0; at < payload.size(); at += 256 * 1024) {
    const std::string piece = payload.substr(at, 256 * 1024);
    ASSERT_TRUE(c.send(piece));
    echoed += c.receive(piece.size());
  }
  EXPECT_TRUE(echoed == payload);
  Toxic t = toxic(ToxicType::kLatency, Stream::kUpstream);
  t.latency = 120;
  ASSERT_TRUE(server.add_toxic("echo", t).ok());
  const Nanos start = now();
  ASSERT_TRUE(c.send("late"));
  EXPECT_EQ(c.receive(4), "late");
  EXPECT_GE(now() - start, 120 * kNanosPerMilli);
}

TEST_F(ProxyFixture, LatencyDelaysEachDirection) {
  Toxic t = toxic(ToxicType::kLatency);
  t.latency = 150;
  ASSERT_TRUE(server.add_toxic("echo", t).ok());
  Client c(port);
  const Nanos start = now();
  ASSERT_TRUE(c.send("ping"));
  EXPECT_EQ(c.receive(4), "ping");
  EXPECT_GE(now() - start, 150 * kNanosPerMilli);
  // Removing it at run time affects the next chunk of the same connection.
  ASSERT_TRUE(server.remove_toxic("echo", "t").ok());
  t.stream = Stream::kUpstream;
  t.latency = 120;
  ASSERT_TRUE(server.add_toxic("echo", t).ok());
  const Nanos again = now();
  ASSERT_TRUE(c.send("pong"));
  EXPECT_EQ(c.receive(4), "pong");
  EXPECT_GE(now() - again, 120 * kNanosPerMilli);
}

TEST_F(ProxyFixture, LimitDataClosesAfterBytes) {
  Toxic t = toxic(ToxicType::kLimitData);
  t.bytes = 10;
  ASSERT_TRUE(server.add_toxic("echo", t).ok());
  Client c(port);
  ASSERT_TRUE(c.send("0123456789abcdefghij"));
  EXPECT_EQ(c.receive(20), "0123456789");
  EXPECT_TRUE(c.error);
}

TEST_F(ProxyFixture, ResetPeerSendsReset) {
  Toxic t = toxic(ToxicType::kResetPeer);
  t.timeout = 0;
  ASSERT_TRUE(server.add_toxic("echo", t).ok());
  Client c(port);
  // The reset may come before the client's send (which then reports it) or
  // after (the receive does); either way no byte comes back and no FIN.
  const bool sent = c.send("hello");
  EXPECT_EQ(c.receive(5), "");
  if (sent) {
    EXPECT_EQ(c.error, boost::asio::error::connection_reset) << c.error.message();
  } else {
    EXPECT_TRUE(c.send_error == boost::asio::error::connection_reset || c.send_error == boost::asio::error::broken_pipe)
        << c.send_error.message();
  }
}

TEST_F(ProxyFixture, TimeoutDropsDataThenCloses) {
  Toxic t = toxic(ToxicType::kTimeout, Stream::kUpstream);
  t.timeout = 200;
  ASSERT_TRUE(server.add_toxic("echo", t).ok());
  Client c(port);
  const Nanos start = now();
  ASSERT_TRUE(c.send("lost"));
  EXPECT_EQ(c.receive(4), "");
  EXPECT_TRUE(c.error);
  EXPECT_NE(c.error, boost::asio::error::would_block) << "closed by the toxic, not by the client's own timeout";
  EXPECT_GE(now() - start, 190 * kNanosPerMilli);
}

TEST_F(ProxyFixture, BandwidthAndSlicerKeepBytesInOrder) {
  Toxic bw = toxic(ToxicType::kBandwidth);
  bw.rate = 100;  // KB/s: 20 000 bytes take >= 200 ms
  ASSERT_TRUE(server.add_toxic("echo", bw).ok());
  Toxic slicer = toxic(ToxicType::kSlicer, Stream::kUpstream);
  slicer.name = "slicer";
  slicer.average_size = 100;
  slicer.size_variation = 50;
  slicer.delay = 10;
  ASSERT_TRUE(server.add_toxic("echo", slicer).ok());
  std::string payload(20000, '\0');
  for (std::size_t i = 0; i < payload.size(); ++i) payload[i] = static_cast<char>(i * 7 % 251);
  Client c(port);
  const Nanos start = now();
  ASSERT_TRUE(c.send(payload));
  EXPECT_EQ(c.receive(payload.size()), payload);
  EXPECT_GE(now() - start, 190 * kNanosPerMilli);
}

// Toxiproxy accepts size_variation == average_size: pieces of 0 to 2x the
// average, never under one byte.
TEST_F(ProxyFixture, SlicerAcceptsAVariationAsLargeAsTheAverage) {
  Toxic slicer = toxic(ToxicType::kSlicer, Stream::kUpstream);
  slicer.average_size = 8;
  slicer.size_variation = 9;
  EXPECT_THAT(server.add_toxic("echo", slicer), matchers::StatusIs(ErrorCode::kInvalidArgument));
  slicer.size_variation = 8;
  ASSERT_TRUE(server.add_toxic("echo", slicer).ok());
  std::string payload(4000, '\0');
  for (std::size_t i = 0; i < payload.size(); ++i) payload[i] = static_cast<char>(i * 13 % 251);
  Client c(port);
  ASSERT_TRUE(c.send(payload));
  EXPECT_EQ(c.receive(payload.size()), payload);
}

TEST_F(ProxyFixture, SlowCloseDelaysTheClose) {
  Toxic t = toxic(ToxicType::kSlowClose);
  t.delay = 200;
  ASSERT_TRUE(server.add_toxic("echo", t).ok());
  Client c(port);
  ASSERT_TRUE(c.send("x"));
  EXPECT_EQ(c.receive(1), "x");
  const Nanos start = now();
  c.shutdown_send();
  EXPECT_EQ(c.receive(1), "");
  EXPECT_EQ(c.error, boost::asio::error::eof);
  EXPECT_GE(now() - start, 190 * kNanosPerMilli);
}

TEST_F(ProxyFixture, DownRefusesAndEnableRestoresSamePort) {
  Client before(port);
  ASSERT_TRUE(before.send("a"));
  ASSERT_EQ(before.receive(1), "a");
  auto down = server.update("echo", ProxyUpdate{std::nullopt, std::nullopt, false});
  ASSERT_TRUE(down.ok());
  EXPECT_FALSE(down->enabled);
  EXPECT_EQ(before.receive(1), "");  // existing connection cut
  Client refused(port);
  EXPECT_TRUE(refused.connect_error);
  auto up = server.update("echo", ProxyUpdate{std::nullopt, std::nullopt, true});
  ASSERT_TRUE(up.ok());
  EXPECT_EQ(port_of(up->listen), port);
  Client after(port);
  ASSERT_FALSE(after.connect_error);
  ASSERT_TRUE(after.send("b"));
  EXPECT_EQ(after.receive(1), "b");
}

// Which of 40 connections a 50% toxic hits: '1' = cut by limit_data 0.
std::string toxic_pattern(std::uint64_t seed, EchoServer& echo) {
  ProxyServer server{ProxyOptions{seed, false}};
  auto p = server.create({"p", "127.0.0.1:0", echo.address(), true});
  if (!p.ok()) return "create failed";
  Toxic t;
  t.name = "cut";
  t.type = ToxicType::kLimitData;
  t.bytes = 0;
  t.toxicity = 0.5;
  if (!server.add_toxic("p", t).ok()) return "toxic failed";
  std::string pattern;
  for (int i = 0; i < 40; ++i) {
    Client c(port_of(p->listen));
    c.send("z");
    pattern += c.receive(1) == "z" ? '0' : '1';
  }
  return pattern;
}

TEST_F(ProxyFixture, ToxicityIsDecidedPerConnectionFromTheSeed) {
  const std::string a = toxic_pattern(7, echo);
  const std::string b = toxic_pattern(7, echo);
  const std::string c = toxic_pattern(8, echo);
  EXPECT_EQ(a, b) << "same seed must replay the same connections";
  EXPECT_NE(a, c);
  const auto hits = std::count(a.begin(), a.end(), '1');
  EXPECT_GT(hits, 5);
  EXPECT_LT(hits, 35);
}

TEST(ProxyServerTest, RegistryErrorsHaveSpecificCodes) {
  ProxyServer server;
  EXPECT_THAT(server.create({"x", "127.0.0.1:0", "10.0.0.1:80", true}),
              matchers::StatusIs(ErrorCode::kInvalidArgument));
  EXPECT_THAT(server.create({"x", "8.8.8.8:0", "127.0.0.1:80", true}), matchers::StatusIs(ErrorCode::kInvalidArgument));
  ASSERT_TRUE(server.create({"x", "127.0.0.1:0", "127.0.0.1:9", true}).ok());
  EXPECT_THAT(server.create({"x", "127.0.0.1:0", "127.0.0.1:9", true}), matchers::StatusIs(ErrorCode::kAlreadyExists));
  EXPECT_THAT(server.get("nope"), matchers::StatusIs(ErrorCode::kNotFound));
  Toxic t;
  t.name = "lat";
  ASSERT_TRUE(server.add_toxic("x", t).ok());
  EXPECT_THAT(server.add_toxic("x", t), matchers::StatusIs(ErrorCode::kAlreadyExists));
  t.toxicity = 2;
  EXPECT_THAT(server.update_toxic("x", t), matchers::StatusIs(ErrorCode::kInvalidArgument));
  EXPECT_THAT(server.remove_toxic("x", "other"), matchers::StatusIs(ErrorCode::kNotFound));
  ASSERT_TRUE(server.reset().ok());
  EXPECT_TRUE(server.get("x")->toxics.empty());
  ASSERT_TRUE(server.remove("x").ok());
  EXPECT_TRUE(server.list().empty());
}

TEST(ProxyServerTest, AllowRemoteLiftsTheLoopbackRule) {
  ProxyServer server{ProxyOptions{1, true}};
  // Creating is enough: the upstream is only dialled when a client connects.
  EXPECT_TRUE(server.create({"r", "127.0.0.1:0", "192.0.2.1:80", true}).ok());
}

}  // namespace
}  // namespace gauntlet::chaos::proxy
