#pragma once
// Loopback peers for the network benchmarks: an echo server (request/response
// latency) and a sink that counts the bytes it receives (bulk throughput).
#include <boost/asio.hpp>

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

namespace gauntlet::bench::net {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

/// Echoes (or, as a sink, swallows) everything; serves on its own thread.
class LoopbackPeer {
 public:
  explicit LoopbackPeer(bool echo)
      : echo_(echo), acceptor_(io_, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)) {
    accept();
    thread_ = std::thread([this] { io_.run(); });
  }
  ~LoopbackPeer() {
    io_.stop();
    thread_.join();
  }
  std::uint16_t port() const { return acceptor_.local_endpoint().port(); }
  std::uint64_t received() const { return received_.load(std::memory_order_acquire); }

 private:
  struct Session : std::enable_shared_from_this<Session> {
    Session(LoopbackPeer& peer, tcp::socket s) : owner(peer), socket(std::move(s)), data(256 * 1024) {}
    void read() {
      socket.async_read_some(asio::buffer(data),
                             [self = shared_from_this()](boost::system::error_code ec, std::size_t n) {
                               if (ec) return;
                               self->owner.received_.fetch_add(n, std::memory_order_acq_rel);
                               if (!self->owner.echo_) return self->read();
                               asio::async_write(self->socket, asio::buffer(self->data.data(), n),
                                                 [self](boost::system::error_code wec, std::size_t) {
                                                   if (!wec) self->read();
                                                 });
                             });
    }
    LoopbackPeer& owner;
    tcp::socket socket;
    std::vector<char> data;
  };
  void accept() {
    acceptor_.async_accept([this](boost::system::error_code ec, tcp::socket socket) {
      if (ec) return;
      socket.set_option(tcp::no_delay(true));
      std::make_shared<Session>(*this, std::move(socket))->read();
      accept();
    });
  }
  bool echo_;
  asio::io_context io_;
  tcp::acceptor acceptor_;
  std::atomic<std::uint64_t> received_{0};
  std::thread thread_;
};

}  // namespace gauntlet::bench::net
