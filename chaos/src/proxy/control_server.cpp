#include "gauntlet/chaos/proxy/control_api.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <future>
#include <thread>

namespace gauntlet::chaos::proxy {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

struct ControlServer::Impl {
  ControlApi* api = nullptr;
  ControlServerOptions options;
  asio::io_context io;
  tcp::acceptor acceptor{io};
  tcp::endpoint bound;
  std::vector<std::weak_ptr<beast::tcp_stream>> sessions;
  std::thread thread;

  // One keep-alive HTTP session; ends when the peer closes, on an error, or
  // when no complete request arrives within the idle timeout.
  asio::awaitable<void> session(std::shared_ptr<beast::tcp_stream> stream) {
    constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);
    beast::flat_buffer buffer;
    for (;;) {
      http::request_parser<http::string_body> parser;
      parser.body_limit(1 << 20);
      stream->expires_after(options.idle_timeout);
      auto [read_ec, n] = co_await http::async_read(*stream, buffer, parser, kTuple);
      if (read_ec) co_return;  // closed, malformed, or idle too long (the stream is closed then)
      const auto& request = parser.get();
      ControlReply reply =
          api->handle(std::string(request.method_string()), std::string(request.target()), request.body());
      http::response<http::string_body> response{static_cast<http::status>(reply.status), request.version()};
      response.set(http::field::server, "gauntlet-proxy");
      if (reply.status != 204) response.set(http::field::content_type, "application/json");
      response.body() = std::move(reply.body);
      response.keep_alive(request.keep_alive());
      response.prepare_payload();
      stream->expires_after(options.idle_timeout);
      auto [write_ec, written] = co_await http::async_write(*stream, response, kTuple);
      if (write_ec || !response.keep_alive()) {
        boost::system::error_code ignored;
        stream->socket().shutdown(tcp::socket::shutdown_both, ignored);
        co_return;
      }
    }
  }

  // Ends when the acceptor is closed. A failed accept (out of descriptors)
  // backs off instead of retrying at once, so the thread never spins.
  asio::awaitable<void> accept_loop() {
    asio::steady_timer pause(io);
    auto backoff = options.accept_backoff;
    for (;;) {
      auto [ec, socket] = co_await acceptor.async_accept(asio::as_tuple(asio::use_awaitable));
      if (!acceptor.is_open()) co_return;
      if (ec) {
        pause.expires_after(backoff);
        co_await pause.async_wait(asio::as_tuple(asio::use_awaitable));
        backoff = std::min(backoff * 2, options.max_accept_backoff);
        continue;
      }
      backoff = options.accept_backoff;
      auto stream = std::make_shared<beast::tcp_stream>(std::move(socket));
      std::erase_if(sessions, [](const auto& w) { return w.expired(); });
      sessions.push_back(stream);
      asio::co_spawn(io, session(stream), asio::detached);
    }
  }
};

ControlServer::ControlServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Result<std::unique_ptr<ControlServer>> ControlServer::start(ControlApi& api, const netload::Endpoint& at,
                                                            ControlServerOptions options) {
  auto impl = std::make_unique<Impl>();
  impl->api = &api;
  impl->options = options;
  boost::system::error_code ec;
  const tcp::endpoint endpoint(asio::ip::make_address(at.host, ec), at.port);
  if (!ec) impl->acceptor.open(endpoint.protocol(), ec);
  if (!ec) impl->acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) impl->acceptor.bind(endpoint, ec);
  if (!ec) impl->acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (!ec) impl->bound = impl->acceptor.local_endpoint(ec);
  if (ec) return Error(ErrorCode::kUnavailable, "control API: listen " + at.to_string() + ": " + ec.message());
  asio::co_spawn(impl->io, impl->accept_loop(), asio::detached);
  impl->thread = std::thread([io = &impl->io] { io->run(); });
  return std::unique_ptr<ControlServer>(new ControlServer(std::move(impl)));
}

ControlServer::~ControlServer() {
  std::promise<void> closed;
  asio::post(impl_->io, [this, &closed] {
    boost::system::error_code ignored;
    impl_->acceptor.close(ignored);
    for (auto& weak : impl_->sessions) {
      if (auto s = weak.lock()) s->socket().close(ignored);
    }
    closed.set_value();
  });
  closed.get_future().wait();
  impl_->io.stop();
  impl_->thread.join();
}

netload::Endpoint ControlServer::endpoint() const {
  const tcp::endpoint& e = impl_->bound;
  return {e.address().to_string(), e.port()};
}

}  // namespace gauntlet::chaos::proxy
