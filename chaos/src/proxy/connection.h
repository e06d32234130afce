#pragma once
// One proxied client connection: two pumps (upstream, downstream), each
// passing data through the toxics that apply to this connection.
#include "kernel_splice.h"
#include "tcp_proxy.h"

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>

#include <memory>

namespace gauntlet::chaos::proxy::detail {

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  using tcp = boost::asio::ip::tcp;
  Connection(std::shared_ptr<TcpProxy> proxy, tcp::socket client, std::uint64_t number);

  /// Connects upstream and runs both pumps; returns when both have ended.
  boost::asio::awaitable<void> run();
  /// Closes both sockets now (I/O thread only).
  void abort() noexcept;

 private:
  boost::asio::awaitable<void> pump(tcp::socket& from, tcp::socket& to, Stream stream);
  /// The fast path: waits until `from` is readable and, if still no toxic
  /// applies, splices what it has to `to`. Returns false when the caller must
  /// take the copying path for this round (a toxic, end of stream, an error
  /// reading); sets `failed` when writing failed.
  boost::asio::awaitable<bool> splice_round(tcp::socket& from, tcp::socket& to, Stream stream, SplicePipe& pipe,
                                            std::int64_t& passed, bool& failed);
  boost::asio::awaitable<void> close_later(std::int64_t ms, bool reset);
  std::vector<Toxic> active(Stream stream) const;
  void reset_now() noexcept;
  void arm(const Toxic& toxic);

  std::shared_ptr<TcpProxy> proxy_;
  tcp::socket client_;
  tcp::socket upstream_;
  std::uint64_t number_;
  int pumps_done_ = 0;
  bool close_armed_ = false;
  bool reset_armed_ = false;
};

}  // namespace gauntlet::chaos::proxy::detail
