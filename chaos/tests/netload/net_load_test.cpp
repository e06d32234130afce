#include "gauntlet/chaos/netload/net_load.h"

#include "../proxy/test_sockets.h"
#include "canned_http_server.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "gauntlet/harness/testing/status_matchers.h"

#include <algorithm>
#include <atomic>
#include <limits>
#include <map>
#include <mutex>

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

const std::string kOk = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

TEST(NetLoadTest, TheMixSendsEachTemplateByWeightAsWritten) {
  testing::CannedHttpServer server(kOk);
  NetLoadSpec spec = http_get(server.port(), 400);
  spec.connections = 2;
  HttpRequestTemplate get;
  get.path = "/items?page=2";
  get.headers = {{"X-Kind", "read"}, {"Accept", "application/json"}};
  get.weight = 3;
  HttpRequestTemplate post;
  post.method = "POST";
  post.path = "/items";
  post.headers = {{"Content-Type", "application/json"}};
  post.body = R"({"name":"x"})";
  post.weight = 1;
  spec.requests = {get, post};
  auto r = run_net_load(spec, RealClock::instance());
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(r->succeeded, 400u);
  const auto seen = server.requests();
  ASSERT_EQ(seen.size(), 400u);
  std::size_t gets = 0, posts = 0;
  for (const auto& q : seen) {
    EXPECT_EQ(q.header("Host"), "127.0.0.1:" + std::to_string(server.port()));
    EXPECT_EQ(q.header("User-Agent"), "gauntlet-netload");
    EXPECT_EQ(q.header("Connection"), "");
    if (q.method == "GET") {
      ++gets;
      EXPECT_EQ(q.path, "/items?page=2");
      EXPECT_EQ(q.header("X-Kind"), "read");
      EXPECT_EQ(q.header("Accept"), "application/json");
      EXPECT_EQ(q.header("Content-Length"), "");
      EXPECT_EQ(q.body, "");
    } else {
      ++posts;
      EXPECT_EQ(q.method, "POST");
      EXPECT_EQ(q.path, "/items");
      EXPECT_EQ(q.header("Content-Type"), "application/json");
      EXPECT_EQ(q.header("Content-Length"), std::to_string(post.body.size()));
      EXPECT_EQ(q.header("X-Kind"), "");
      EXPECT_EQ(q.body, post.body);
    }
  }
  // 3:1 over 400: 300 and 100, within 10% of the total.
  EXPECT_NEAR(static_cast<double>(gets), 300, 40);
  EXPECT_NEAR(static_cast<double>(posts), 100, 40);
  EXPECT_EQ(gets + posts, 400u);
}

std::vector<std::string> paths_sent(std::uint64_t seed) {
  testing::CannedHttpServer server(kOk);
  NetLoadSpec spec = http_get(server.port(), 60);  // one connection: the server sees request-number order
  spec.seed = seed;
  for (const char* path : {"/a", "/b", "/c"}) {
    HttpRequestTemplate t;
    t.path = path;
    spec.requests.push_back(t);
  }
  auto r = run_net_load(spec, RealClock::instance());
  EXPECT_TRUE(r.ok() && r->succeeded == 60u);
  std::vector<std::string> paths;
  for (const auto& q : server.requests()) paths.push_back(q.path);
  return paths;
}

TEST(NetLoadTest, TheSameSeedSendsTheSameTemplateSequence) {
  const auto first = paths_sent(7);
  ASSERT_EQ(first.size(), 60u);
  EXPECT_EQ(paths_sent(7), first);
  EXPECT_NE(paths_sent(8), first);
  EXPECT_GT(std::count(first.begin(), first.end(), "/c"), 0);
}

TEST(NetLoadTest, HeadResponsesHaveNoBody) {
  testing::CannedHttpServer server([](const testing::SeenRequest& q) {
    // A HEAD response announces the length of the body it does not send.
    return testing::CannedReply{testing::CannedReply::Action::kAnswer,
                                q.method == "HEAD" ? "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n"
                                                   : "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"};
  });
  NetLoadSpec spec = http_get(server.port(), 20);
  HttpRequestTemplate head;
  head.method = "HEAD";
  spec.requests = {head, HttpRequestTemplate{}};
  spec.request_timeout_ns = 500 * kNanosPerMilli;
  auto r = run_net_load(spec, RealClock::instance());
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(r->succeeded, 20u);
  EXPECT_EQ(r->timeouts, 0u);
}

TEST(NetLoadTest, KeepAliveOffOpensAConnectionPerRequest) {
  testing::CannedHttpServer server(kOk);  // would keep the connection open
  NetLoadSpec spec = http_get(server.port(), 10);
  spec.keep_alive = false;
  auto r = run_net_load(spec, RealClock::instance());
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(r->succeeded, 10u);
  EXPECT_EQ(server.connections(), 10u);
  const auto seen = server.requests();
  ASSERT_EQ(seen.size(), 10u);
  for (std::size_t i = 0; i < seen.size(); ++i) {
    EXPECT_EQ(seen[i].header("Connection"), "close");
    EXPECT_EQ(seen[i].connection, i + 1);
  }
}

TEST(NetLoadTest, OkStatusesDecideWhatSucceeds) {
  {
    testing::CannedHttpServer server("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
    NetLoadSpec spec = http_get(server.port(), 10);
    spec.ok_statuses = {{200, 299}, {404, 404}};
    auto r = run_net_load(spec, RealClock::instance());
    ASSERT_TRUE(r.ok()) << r.error().to_string();
    EXPECT_EQ(r->succeeded, 10u);
    EXPECT_EQ(r->failed, 0u);
    EXPECT_EQ(r->status_counts.at(404), 10u);
  }
  testing::CannedHttpServer server(kOk);
  NetLoadSpec spec = http_get(server.port(), 10);
  spec.ok_statuses = {{300, 399}};
  std::atomic<int> status_failures{0};
  spec.on_complete = [&](const RequestOutcome& o) {
    if (!o.ok && o.failure == RequestOutcome::Failure::kStatus && o.status == 200) ++status_failures;
  };
  auto r = run_net_load(spec, RealClock::instance());
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(r->succeeded, 0u);
  EXPECT_EQ(r->failed, 10u);
  EXPECT_EQ(r->connection_errors, 0u);
  EXPECT_EQ(r->timeouts, 0u);
  EXPECT_EQ(r->status_counts.at(200), 10u);
  EXPECT_EQ(status_failures.load(), 10);
}

TEST(NetLoadTest, RawExpectCountsAWrongReplyAsAFailure) {
  proxy::testing::EchoServer echo;
  NetLoadSpec spec = raw_echo(echo.port());
  spec.max_requests = 50;
  spec.raw_response_bytes = 0;  // unused with raw_expect
  spec.raw_expect = "hello";
  auto r = run_net_load(spec, RealClock::instance());
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(r->succeeded, 50u);
  spec.raw_expect = "hellO";
  std::atomic<int> status_failures{0};
  spec.on_complete = [&](const RequestOutcome& o) {
    if (!o.ok && o.failure == RequestOutcome::Failure::kStatus && o.status == 0) ++status_failures;
  };
  r = run_net_load(spec, RealClock::instance());
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(r->succeeded, 0u);
  EXPECT_EQ(r->failed, 50u);
  EXPECT_EQ(r->connection_errors, 0u);
  EXPECT_EQ(r->bytes_received, 250u);  // whole replies: the stream stays in step
  EXPECT_EQ(status_failures.load(), 50);
}

TEST(NetLoadTest, TimeVaryingRateFollowsTheStep) {
  proxy::testing::EchoServer echo;
  NetLoadSpec spec = raw_echo(echo.port());
  spec.loop = LoadLoop::kOpen;
  spec.rate = 400;  // the bound; the schedule comes from rate_at
  spec.duration_ns = 1000 * kNanosPerMilli;
  spec.rate_at = [](Nanos t) { return t < 500 * kNanosPerMilli ? 100.0 : 400.0; };
  std::atomic<Nanos> start{0};
  std::atomic<int> intended_first{0}, intended_second{0}, sent_first{0}, sent_second{0};
  spec.on_start = [&](Nanos t) { start = t; };
  spec.on_complete = [&](const RequestOutcome& o) {
    ++(o.intended - start.load() < 500 * kNanosPerMilli ? intended_first : intended_second);
    ++(o.sent - start.load() < 500 * kNanosPerMilli ? sent_first : sent_second);
  };
  auto r = run_net_load(spec, RealClock::instance());
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  // 100/s for 0.5 s then 400/s for 0.5 s: 50 then 200 sends.
  EXPECT_EQ(r->sent + r->not_sent, 250u);
  EXPECT_EQ(intended_first.load(), 50);
  EXPECT_EQ(static_cast<std::uint64_t>(intended_second.load()), r->sent - 50);
  EXPECT_NEAR(sent_first.load(), 50, 13);
  EXPECT_NEAR(sent_second.load(), 200, 50);
}

TEST(NetLoadTest, NoSendsWhileTheRateIsZero) {
  proxy::testing::EchoServer echo;
  NetLoadSpec spec = raw_echo(echo.port());
  spec.loop = LoadLoop::kOpen;
  spec.rate = 100;
  spec.duration_ns = 400 * kNanosPerMilli;
  spec.rate_at = [](Nanos t) { return t < 200 * kNanosPerMilli ? 0.0 : 100.0; };
  std::atomic<Nanos> start{0};
  std::atomic<int> early{0};
  spec.on_start = [&](Nanos t) { start = t; };
  spec.on_complete = [&](const RequestOutcome& o) {
    if (o.intended - start.load() < 200 * kNanosPerMilli || o.sent - start.load() < 195 * kNanosPerMilli) ++early;
  };
  auto r = run_net_load(spec, RealClock::instance());
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(r->sent + r->not_sent, 20u);  // 100/s over the last 0.2 s
  EXPECT_EQ(early.load(), 0);
}

// Counts what the hooks saw, from any thread.
struct HookCounts {
  std::atomic<int> starts{0};
  std::atomic<Nanos> start{0};
  std::atomic<std::uint64_t> completed{0}, ok{0}, status_failures{0}, timeouts{0}, connection_errors{0};
  std::atomic<std::uint64_t> out_of_order{0};  ///< before on_start, or times not intended <= sent <= done
  std::atomic<std::uint64_t> not_sent{0};
  std::atomic<int> not_sent_calls{0};
  std::mutex mutex;
  std::map<int, std::uint64_t> statuses;

  void attach(NetLoadSpec& spec) {
    spec.on_start = [this](Nanos t) {
      start = t;
      ++starts;
    };
    spec.on_complete = [this](const RequestOutcome& o) {
      ++completed;
      if (starts.load() != 1 || o.intended < start.load() || o.done < o.sent) ++out_of_order;
      if (o.ok) ++ok;
      if (o.ok != (o.failure == RequestOutcome::Failure::kNone)) ++out_of_order;
      if (o.failure == RequestOutcome::Failure::kStatus) ++status_failures;
      if (o.failure == RequestOutcome::Failure::kTimeout) ++timeouts;
      if (o.failure == RequestOutcome::Failure::kConnection) ++connection_errors;
      if (o.status != 0) {
        std::lock_guard lock(mutex);
        ++statuses[o.status];
      }
    };
    spec.on_not_sent = [this](std::uint64_t n) {
      not_sent += n;
      ++not_sent_calls;
    };
  }
  void expect_agrees_with(const NetLoadResult& r) {
    EXPECT_EQ(starts.load(), 1);
    EXPECT_EQ(out_of_order.load(), 0u);
    EXPECT_EQ(completed.load(), r.sent);
    EXPECT_EQ(r.succeeded + r.failed, r.sent);
    EXPECT_EQ(ok.load(), r.succeeded);
    EXPECT_EQ(completed.load() - ok.load(), r.failed);
    EXPECT_EQ(timeouts.load(), r.timeouts);
    EXPECT_EQ(connection_errors.load(), r.connection_errors);
    EXPECT_EQ(status_failures.load(), r.failed - r.timeouts - r.connection_errors);
    EXPECT_EQ(not_sent.load(), r.not_sent);
    EXPECT_LE(not_sent_calls.load(), 1);
    std::lock_guard lock(mutex);
    EXPECT_EQ(statuses, r.status_counts);
  }
};

// Answers by path: 200, 404, never, or by closing the connection.
testing::CannedHttpServer::Responder mixed_outcomes() {
  return [](const testing::SeenRequest& q) {
    using Action = testing::CannedReply::Action;
    if (q.path == "/missing")
      return testing::CannedReply{Action::kAnswer, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"};
    if (q.path == "/slow") return testing::CannedReply{Action::kIgnore, ""};
    if (q.path == "/drop") return testing::CannedReply{Action::kClose, ""};
    return testing::CannedReply{Action::kAnswer, kOk};
  };
}

NetLoadSpec mixed_spec(std::uint16_t port) {
  NetLoadSpec spec = http_get(port, 0);
  spec.connections = 3;
  spec.request_timeout_ns = 50 * kNanosPerMilli;
  for (const char* path : {"/ok", "/missing", "/slow", "/drop"}) {
    HttpRequestTemplate t;
    t.path = path;
    spec.requests.push_back(t);
  }
  return spec;
}

TEST(NetLoadTest, HooksSeeWhatTheResultCountsOpenLoop) {
  testing::CannedHttpServer server(mixed_outcomes());
  NetLoadSpec spec = mixed_spec(server.port());
  spec.loop = LoadLoop::kOpen;
  spec.rate = 400;
  spec.duration_ns = 500 * kNanosPerMilli;
  HookCounts hooks;
  hooks.attach(spec);
  auto r = run_net_load(spec, RealClock::instance());
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  hooks.expect_agrees_with(*r);
  EXPECT_EQ(r->sent + r->not_sent, 200u);  // 400/s for 0.5 s
  // Slow requests hold the three connections: some sends never happen.
  EXPECT_GT(r->not_sent, 0u);
  EXPECT_GT(r->succeeded, 0u);
  EXPECT_GT(r->timeouts, 0u);
  EXPECT_GT(r->connection_errors, 0u);
  EXPECT_GT(r->status_counts[404], 0u);
}

TEST(NetLoadTest, HooksSeeWhatTheResultCountsClosedLoop) {
  testing::CannedHttpServer server(mixed_outcomes());
  NetLoadSpec spec = mixed_spec(server.port());
  spec.max_requests = 60;
  HookCounts hooks;
  hooks.attach(spec);
  auto r = run_net_load(spec, RealClock::instance());
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  hooks.expect_agrees_with(*r);
  EXPECT_EQ(r->sent, 60u);
  EXPECT_EQ(r->not_sent, 0u);
  EXPECT_EQ(hooks.not_sent_calls.load(), 0);
  EXPECT_GT(r->timeouts, 0u);
  EXPECT_GT(r->connection_errors, 0u);
}

TEST(NetLoadTest, RefusedConnectionsAreSentAndReported) {
  auto port = proxy::testing::EchoServer().port();  // closed again: nothing listens
  NetLoadSpec spec = raw_echo(port);
  spec.connections = 1;
  spec.max_requests = 5;
  HookCounts hooks;
  hooks.attach(spec);
  auto r = run_net_load(spec, RealClock::instance());
  ASSERT_TRUE(r.ok());
  hooks.expect_agrees_with(*r);
  EXPECT_EQ(r->sent, 5u);
  EXPECT_EQ(hooks.connection_errors.load(), 5u);
}

std::string invalid_field(const NetLoadSpec& spec) {
  Status s = spec.validate();
  if (s.ok()) return "(valid)";
  EXPECT_THAT(s, matchers::StatusIs(ErrorCode::kInvalidArgument));
  return s.error().message();
}

TEST(NetLoadTest, InvalidRequestMixesNameTheField) {
  const NetLoadSpec base = http_get(1, 1);
  auto with = [&](auto change) {
    NetLoadSpec spec = base;
    spec.requests = {HttpRequestTemplate{}};
    change(spec);
    return invalid_field(spec);
  };
  using ::testing::HasSubstr;
  EXPECT_EQ(with([](NetLoadSpec&) {}), "(valid)");
  EXPECT_THAT(with([](NetLoadSpec& s) { s.requests[0].weight = 0; }), HasSubstr("requests[0].weight"));
  EXPECT_THAT(with([](NetLoadSpec& s) { s.requests[0].weight = std::numeric_limits<double>::infinity(); }),
              HasSubstr("weight"));
  EXPECT_THAT(with([](NetLoadSpec& s) { s.requests.resize(101); }), HasSubstr("requests"));
  EXPECT_THAT(with([](NetLoadSpec& s) { s.requests[0].method = "get"; }), HasSubstr("method"));
  EXPECT_THAT(with([](NetLoadSpec& s) { s.requests[0].method = "GET X"; }), HasSubstr("method"));
  EXPECT_THAT(with([](NetLoadSpec& s) { s.requests[0].path = "items"; }), HasSubstr("path"));
  EXPECT_THAT(with([](NetLoadSpec& s) { s.requests[0].path = "/a b"; }), HasSubstr("path"));
  EXPECT_THAT(with([](NetLoadSpec& s) { s.requests[0].headers = {{"Bad Name", "v"}}; }), HasSubstr("headers"));
  EXPECT_THAT(with([](NetLoadSpec& s) { s.requests[0].headers = {{"X-A", "v\r\nX-B: w"}}; }), HasSubstr("headers"));
  EXPECT_THAT(with([](NetLoadSpec& s) { s.requests[0].headers = {{"content-length", "3"}}; }), HasSubstr("headers"));
  EXPECT_THAT(with([](NetLoadSpec& s) { s.requests[0].body.assign(kMaxRequestBodyBytes + 1, 'x'); }),
              HasSubstr("body"));
  EXPECT_EQ(with([](NetLoadSpec& s) { s.requests[0].body.assign(kMaxRequestBodyBytes, 'x'); }), "(valid)");
  EXPECT_THAT(with([](NetLoadSpec& s) { s.ok_statuses.clear(); }), HasSubstr("ok_statuses"));
  EXPECT_THAT(with([](NetLoadSpec& s) { s.ok_statuses = {{99, 200}}; }), HasSubstr("ok_statuses"));
  EXPECT_THAT(with([](NetLoadSpec& s) { s.ok_statuses = {{200, 600}}; }), HasSubstr("ok_statuses"));
  EXPECT_THAT(with([](NetLoadSpec& s) { s.ok_statuses = {{300, 200}}; }), HasSubstr("ok_statuses"));
  EXPECT_THAT(with([](NetLoadSpec& s) {
                s.loop = LoadLoop::kOpen;
                s.rate = 2e6;
              }),
              HasSubstr("1000000"));
  EXPECT_EQ(with([](NetLoadSpec& s) {
              s.loop = LoadLoop::kOpen;
              s.rate = 1e6;
            }),
            "(valid)");
  EXPECT_THAT(with([](NetLoadSpec& s) { s.connections = 10001; }), HasSubstr("connections"));
  NetLoadSpec raw = raw_echo(1);
  raw.raw_response_bytes = 0;
  EXPECT_THAT(invalid_field(raw), HasSubstr("raw_response_bytes"));
  raw.raw_expect = "pong";
  EXPECT_EQ(invalid_field(raw), "(valid)");
}

TEST(NetLoadTest, InvalidSpecsNameTheField) {
  NetLoadSpec spec = raw_echo(1);
  spec.connections = 0;
  auto r = run_net_load(spec, RealClock::instance());
  EXPECT_THAT(r, matchers::StatusIs(ErrorCode::kInvalidArgument, ::testing::HasSubstr("connections")));
  spec = raw_echo(1);
  spec.loop = LoadLoop::kOpen;
  EXPECT_THAT(run_net_load(spec, RealClock::instance()),
              matchers::StatusIs(ErrorCode::kInvalidArgument, ::testing::HasSubstr("rate")));
  spec = raw_echo(1);
  spec.target.host = "10.0.0.1";
  EXPECT_THAT(run_net_load(spec, RealClock::instance()),
              matchers::StatusIs(ErrorCode::kInvalidArgument, ::testing::HasSubstr("loopback")));
}

}  // namespace
}  // namespace gauntlet::chaos::netload
