#include "gauntlet/chaos/netload/net_load.h"

#include "gauntlet/harness/metrics/histogram.h"
#include "discarding_response_parser.h"
#include "load_run_state.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>

#include <cmath>
#include <sstream>
#include <thread>

namespace gauntlet::chaos::netload {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

namespace {

constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

std::string http_request_bytes(const NetLoadSpec& spec) {
  http::request<http::empty_body> request{http::verb::get, spec.path, 11};
  request.set(http::field::host, spec.target.to_string());
  request.set(http::field::user_agent, "gauntlet-netload");
  request.keep_alive(true);
  std::ostringstream out;
  out << request;
  return out.str();
}

// One connection's request loop; ends when the run state says stop (the
// duration or request count is reached), so it is bounded in time and count.
asio::awaitable<void> connection_loop(detail::LoadRunState& run, asio::ip::tcp::endpoint target) {
  const NetLoadSpec& spec = run.spec();
  beast::tcp_stream stream(co_await asio::this_coro::executor);
  asio::steady_timer timer(stream.get_executor());
  beast::flat_buffer buffer;
  std::vector<char> raw_reply(spec.raw_response_bytes);
  bool connected = false;
  const auto timeout = std::chrono::nanoseconds(spec.request_timeout_ns);
  for (;;) {
    auto intended = run.next_request();
    if (!intended) break;
    if (spec.loop == LoadLoop::kOpen) {
      const Nanos wait = *intended - run.clock().now_ns();
      if (wait > 0) {
        timer.expires_after(std::chrono::nanoseconds(wait));
        co_await timer.async_wait(kTuple);
      }
    }
    if (!connected) {
      stream.expires_after(timeout);
      auto [ec] = co_await stream.async_connect(target, kTuple);
      if (ec) {
        run.failed(*intended, run.clock().now_ns(), ec == beast::error::timeout);
        timer.expires_after(std::chrono::milliseconds(1));  // refused: do not spin
        co_await timer.async_wait(kTuple);
        continue;
      }
      stream.socket().set_option(asio::ip::tcp::no_delay(true));
      connected = true;
    }
    const Nanos sent = run.clock().now_ns();
    run.sent();
    stream.expires_after(timeout);
    auto [write_ec, written] = co_await asio::async_write(stream, asio::buffer(run.request_bytes()), kTuple);
    boost::system::error_code ec = write_ec;
    int status = 0;
    bool keep_alive = true;
    std::size_t received = 0;
    if (!ec && spec.protocol == Protocol::kHttp) {
      detail::DiscardingResponseParser parser(64 * 1024 * 1024);
      auto [read_ec, n] = co_await http::async_read(stream, buffer, parser, kTuple);
      ec = read_ec;
      received = n;
      if (!ec) {
        status = parser.status();
        keep_alive = parser.keep_alive();
      }
    } else if (!ec) {
      auto [read_ec, n] = co_await asio::async_read(stream, asio::buffer(raw_reply), kTuple);
      ec = read_ec;
      received = n;
      status = ec ? 0 : 200;
    }
    const Nanos done = run.clock().now_ns();
    if (ec) {
      run.failed(*intended, done, ec == beast::error::timeout);
      stream.close();
      buffer.clear();
      connected = false;
      continue;
    }
    run.completed(*intended, sent, done, status, received);
    if (!keep_alive) {
      stream.close();
      buffer.clear();
      connected = false;
    }
  }
  stream.close();
}

}  // namespace

Status NetLoadSpec::validate() const {
  auto bad = [](std::string_view field, std::string_view rule) {
    return Error(ErrorCode::kInvalidArgument, "net load: " + std::string(field) + " " + std::string(rule));
  };
  if (connections < 1 || connections > 10000) return bad("connections", "must be in 1..10000");
  if (threads < 1 || threads > connections) return bad("threads", "must be in 1..connections");
  if (duration_ns <= 0) return bad("duration", "must be positive");
  if (request_timeout_ns <= 0) return bad("request_timeout", "must be positive");
  if (sample_interval_ns <= 0) return bad("sample_interval", "must be positive");
  if (loop == LoadLoop::kOpen && !(rate > 0 && std::isfinite(rate))) return bad("rate", "must be positive for an open loop");
  if (protocol == Protocol::kRawTcp && (raw_request.empty() || raw_response_bytes == 0)) {
    return bad("raw_request", "and raw_response_bytes must not be empty");
  }
  if (!is_loopback(target.host) && !allow_remote) return bad("target " + target.to_string(), "is not loopback (allow_remote not set)");
  return {};
}

Result<NetLoadResult> run_net_load(const NetLoadSpec& spec, Clock& clock) {
  if (Status s = spec.validate(); !s.ok()) return s.error();
  boost::system::error_code ec;
  const asio::ip::tcp::endpoint target(asio::ip::make_address(spec.target.host, ec), spec.target.port);
  if (ec) return Error(ErrorCode::kInvalidArgument, "net load: target host '" + spec.target.host + "' is not numeric");
  detail::LoadRunState run(spec, clock,
                           spec.protocol == Protocol::kHttp ? http_request_bytes(spec) : spec.raw_request);
  std::vector<std::unique_ptr<asio::io_context>> contexts;
  // Each context runs on one thread and nothing posts to it from outside: no locking.
  for (int t = 0; t < spec.threads; ++t)
    contexts.push_back(std::make_unique<asio::io_context>(BOOST_ASIO_CONCURRENCY_HINT_UNSAFE));
  for (int c = 0; c < spec.connections; ++c) {
    asio::co_spawn(*contexts[static_cast<std::size_t>(c % spec.threads)], connection_loop(run, target), asio::detached);
  }
  run.start();
  std::vector<std::thread> threads;
  for (auto& io : contexts) threads.emplace_back([&io] { io->run(); });
  for (auto& t : threads) t.join();
  return run.finish();
}

}  // namespace gauntlet::chaos::netload
