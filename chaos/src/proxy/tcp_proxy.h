#pragma once
// One listening proxy: accepts on `listen`, connects each client to
// `upstream`, and pumps both directions through the active toxics. All socket
// work happens on the owning io_context's thread; settings are mutex-guarded
// so any thread may change them.
#include "gauntlet/chaos/proxy/proxy_server.h"
#include "upstream_route.h"

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <atomic>
#include <memory>
#include <mutex>
#include <vector>

namespace gauntlet::chaos::proxy::detail {

class Connection;

class TcpProxy : public std::enable_shared_from_this<TcpProxy> {
 public:
  using tcp = boost::asio::ip::tcp;
  /// `allow_remote`: whether a name resolved on connect may give remote addresses.
  TcpProxy(boost::asio::io_context& io, std::string name, std::uint64_t seed, bool allow_remote);

  // I/O thread only.
  boost::system::error_code listen(const tcp::endpoint& at);  ///< binds and starts accepting
  void close_listener();
  void close_connections();
  tcp::endpoint bound() const { return bound_; }

  // Any thread.
  const std::string& name() const noexcept { return name_; }
  std::uint64_t seed() const noexcept { return seed_; }
  bool allow_remote() const noexcept { return allow_remote_; }
  void set_upstream(UpstreamRoute upstream);
  UpstreamRoute upstream() const;
  void set_toxics(std::vector<Toxic> toxics);
  std::shared_ptr<const std::vector<Toxic>> toxics() const;
  ProxyStats stats() const;
  void count_toxic_connection() noexcept { toxic_connections_.fetch_add(1, std::memory_order_relaxed); }

 private:
  boost::asio::awaitable<void> accept_loop(std::shared_ptr<tcp::acceptor> acceptor);

  boost::asio::io_context& io_;
  const std::string name_;
  const std::uint64_t seed_;
  const bool allow_remote_;
  std::shared_ptr<tcp::acceptor> acceptor_;
  tcp::endpoint bound_;
  std::vector<std::weak_ptr<Connection>> connections_;
  std::atomic<std::uint64_t> accepted_{0};
  std::atomic<std::uint64_t> toxic_connections_{0};
  mutable std::mutex mutex_;
  UpstreamRoute upstream_;
  std::shared_ptr<const std::vector<Toxic>> toxics_;
};

}  // namespace gauntlet::chaos::proxy::detail
