#pragma once
// Loopback helpers for proxy tests: an echo server on its own thread and a
// blocking client with receive timeouts (so no test can hang).
#include <boost/asio.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include <sys/socket.h>

namespace gauntlet::chaos::proxy::testing {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

/// Accepts loopback connections on its own thread and hands each socket to
/// `on_accept`, which runs on that thread. Destroying it stops the thread.
class LoopbackAcceptor {
 public:
  explicit LoopbackAcceptor(std::function<void(tcp::socket)> on_accept, const std::string& address = "127.0.0.1")
      : on_accept_(std::move(on_accept)), acceptor_(io_, tcp::endpoint(asio::ip::make_address(address), 0)) {
    accept();
    thread_ = std::thread([this] { io_.run(); });
  }
  ~LoopbackAcceptor() {
    asio::post(io_, [this] { acceptor_.close(); });
    io_.stop();
    thread_.join();
  }
  std::uint16_t port() const { return acceptor_.local_endpoint().port(); }

 private:
  void accept() {
    acceptor_.async_accept([this](boost::system::error_code ec, tcp::socket socket) {
      if (ec) return;
      on_accept_(std::move(socket));
      accept();
    });
  }
  std::function<void(tcp::socket)> on_accept_;
  asio::io_context io_;
  tcp::acceptor acceptor_;
  std::thread thread_;
};

/// Echoes every byte back; closes its side when the client half-closes.
class EchoServer {
 public:
  /// Listens on `address` (a loopback address), any free port.
  explicit EchoServer(const std::string& address = "127.0.0.1")
      : acceptor_([](tcp::socket s) { std::make_shared<Session>(std::move(s))->read(); }, address) {}
  std::string address() const { return "127.0.0.1:" + std::to_string(port()); }
  std::uint16_t port() const { return acceptor_.port(); }

 private:
  struct Session : std::enable_shared_from_this<Session> {
    explicit Session(tcp::socket s) : socket(std::move(s)) {}
    void read() {
      socket.async_read_some(asio::buffer(data),
                             [self = shared_from_this()](boost::system::error_code ec, std::size_t n) {
                               if (ec) {
                                 boost::system::error_code ignored;
                                 self->socket.shutdown(tcp::socket::shutdown_send, ignored);
                                 return;
                               }
                               asio::async_write(self->socket, asio::buffer(self->data, n),
                                                 [self](boost::system::error_code wec, std::size_t) {
                                                   if (!wec) self->read();
                                                 });
                             });
    }
    tcp::socket socket;
    char data[16384];
  };
  LoopbackAcceptor acceptor_;
};

/// A blocking client socket whose reads give up after `timeout_ms`.
class Client {
 public:
  explicit Client(std::uint16_t port, int timeout_ms = 5000) : socket_(io_) {
    socket_.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port), connect_error);
    if (connect_error) return;
    timeval tv{timeout_ms / 1000, (timeout_ms % 1000) * 1000};
    ::setsockopt(socket_.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  }
  bool send(const std::string& data) {
    asio::write(socket_, asio::buffer(data), send_error);
    return !send_error;
  }
  void shutdown_send() {
    boost::system::error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_send, ignored);
  }
  /// Reads until `bytes` arrived, EOF or error; `error` says which.
  std::string receive(std::size_t bytes) {
    std::string out;
    char buf[16384];
    while (out.size() < bytes) {
      std::size_t n = socket_.read_some(asio::buffer(buf, std::min(sizeof buf, bytes - out.size())), error);
      out.append(buf, n);
      if (error) break;
    }
    return out;
  }
  boost::system::error_code connect_error;
  boost::system::error_code send_error;  ///< of the last send
  boost::system::error_code error;       ///< of the last receive

 private:
  asio::io_context io_;
  tcp::socket socket_;
};

inline std::uint16_t port_of(const std::string& address) {
  return static_cast<std::uint16_t>(std::stoi(address.substr(address.rfind(':') + 1)));
}

}  // namespace gauntlet::chaos::proxy::testing
