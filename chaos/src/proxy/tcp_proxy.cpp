#include "tcp_proxy.h"

#include "connection.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>

namespace gauntlet::chaos::proxy::detail {

namespace asio = boost::asio;

TcpProxy::TcpProxy(asio::io_context& io, std::string name, std::uint64_t seed, bool allow_remote)
    : io_(io),
      name_(std::move(name)),
      seed_(seed),
      allow_remote_(allow_remote),
      toxics_(std::make_shared<const std::vector<Toxic>>()) {}

boost::system::error_code TcpProxy::listen(const tcp::endpoint& at) {
  auto acceptor = std::make_shared<tcp::acceptor>(io_);
  boost::system::error_code ec;
  acceptor->open(at.protocol(), ec);
  if (!ec) acceptor->set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor->bind(at, ec);
  if (!ec) acceptor->listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return ec;
  bound_ = acceptor->local_endpoint();
  acceptor_ = acceptor;
  asio::co_spawn(io_, accept_loop(acceptor), asio::detached);
  return {};
}

void TcpProxy::close_listener() {
  if (acceptor_) {
    boost::system::error_code ignored;
    acceptor_->close(ignored);
    acceptor_.reset();
  }
}

void TcpProxy::close_connections() {
  for (auto& weak : connections_) {
    if (auto c = weak.lock()) c->abort();
  }
  connections_.clear();
}

// Ends when the acceptor is closed; each iteration waits for a connection.
asio::awaitable<void> TcpProxy::accept_loop(std::shared_ptr<tcp::acceptor> acceptor) {
  auto self = shared_from_this();
  for (;;) {
    auto [ec, socket] = co_await acceptor->async_accept(asio::as_tuple(asio::use_awaitable));
    if (!acceptor->is_open() || ec == asio::error::operation_aborted) co_return;
    if (ec) {  // e.g. out of descriptors: back off instead of spinning
      asio::steady_timer pause(io_, std::chrono::milliseconds(10));
      co_await pause.async_wait(asio::as_tuple(asio::use_awaitable));
      continue;
    }
    std::erase_if(connections_, [](const std::weak_ptr<Connection>& w) { return w.expired(); });
    const std::uint64_t number = accepted_.fetch_add(1, std::memory_order_relaxed) + 1;
    auto connection = std::make_shared<Connection>(self, std::move(socket), number);
    connections_.push_back(connection);
    asio::co_spawn(io_, connection->run(), asio::detached);
  }
}

void TcpProxy::set_upstream(UpstreamRoute upstream) {
  std::lock_guard lock(mutex_);
  upstream_ = std::move(upstream);
}

UpstreamRoute TcpProxy::upstream() const {
  std::lock_guard lock(mutex_);
  return upstream_;
}

void TcpProxy::set_toxics(std::vector<Toxic> toxics) {
  auto next = std::make_shared<const std::vector<Toxic>>(std::move(toxics));
  std::lock_guard lock(mutex_);
  toxics_ = std::move(next);
}

std::shared_ptr<const std::vector<Toxic>> TcpProxy::toxics() const {
  std::lock_guard lock(mutex_);
  return toxics_;
}

ProxyStats TcpProxy::stats() const {
  return {accepted_.load(std::memory_order_relaxed), toxic_connections_.load(std::memory_order_relaxed)};
}

}  // namespace gauntlet::chaos::proxy::detail
