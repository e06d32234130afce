#pragma once
// A loopback HTTP server for load-generator tests: answers every request
// (anything ending in an empty line) with the same bytes, and closes the
// connection after each answer when those bytes say "Connection: close".
#include "../proxy/test_sockets.h"

#include <atomic>
#include <memory>
#include <string>

namespace gauntlet::chaos::netload::testing {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

class CannedHttpServer {
 public:
  explicit CannedHttpServer(std::string response)
      : response_(std::move(response)),
        close_after_(response_.find("Connection: close\r\n") != std::string::npos),
        acceptor_([this](tcp::socket socket) {
          accepted_.fetch_add(1);
          std::make_shared<Session>(std::move(socket), *this)->read();
        }) {}
  std::uint16_t port() const { return acceptor_.port(); }
  std::uint64_t connections() const { return accepted_.load(); }

 private:
  struct Session : std::enable_shared_from_this<Session> {
    Session(tcp::socket s, const CannedHttpServer& owner) : socket(std::move(s)), server(owner) {}
    void read() {
      asio::async_read_until(socket, asio::dynamic_buffer(pending), "\r\n\r\n",
                             [self = shared_from_this()](boost::system::error_code ec, std::size_t n) {
                               if (ec) return;
                               self->pending.erase(0, n);
                               self->answer();
                             });
    }
    void answer() {
      asio::async_write(socket, asio::buffer(server.response_), [self = shared_from_this()](boost::system::error_code ec, std::size_t) {
        if (ec) return;
        if (self->server.close_after_) {
          boost::system::error_code ignored;
          self->socket.shutdown(tcp::socket::shutdown_both, ignored);
          return;
        }
        self->read();
      });
    }
    tcp::socket socket;
    const CannedHttpServer& server;
    std::string pending;
  };

  const std::string response_;
  const bool close_after_;
  std::atomic<std::uint64_t> accepted_{0};
  proxy::testing::LoopbackAcceptor acceptor_;  // last: stopped first, while the rest still lives
};

}  // namespace gauntlet::chaos::netload::testing
