#pragma once
// Upstreams for proxy tests that need more than an echo: one that streams
// bytes until done or until its reader goes, one that answers a request with
// a response written in spaced chunks.
#include "test_sockets.h"

#include <algorithm>
#include <chrono>
#include <thread>
#include <vector>

namespace gauntlet::chaos::proxy::testing {

/// Writes `total` bytes to each connection, 256 KiB at a time, then closes;
/// stops early when the peer goes.
class StreamingServer {
 public:
  explicit StreamingServer(std::size_t total)
      : acceptor_([total](tcp::socket s) { std::make_shared<Session>(std::move(s), total)->write(); }) {}
  std::string address() const { return "127.0.0.1:" + std::to_string(acceptor_.port()); }

 private:
  struct Session : std::enable_shared_from_this<Session> {
    Session(tcp::socket s, std::size_t total) : socket(std::move(s)), left(total), data(256 * 1024, 'd') {}
    void write() {
      const std::size_t n = std::min(left, data.size());
      asio::async_write(socket, asio::buffer(data.data(), n),
                        [self = shared_from_this()](boost::system::error_code ec, std::size_t written) {
                          self->left -= written;
                          if (ec || self->left == 0) {
                            boost::system::error_code ignored;
                            self->socket.close(ignored);
                            return;
                          }
                          self->write();
                        });
    }
    tcp::socket socket;
    std::size_t left;
    std::vector<char> data;
  };
  LoopbackAcceptor acceptor_;
};

/// Answers each connection's first read with `chunks` writes of `chunk_bytes`
/// bytes, `gap` apart, then closes. One connection at a time.
class ChunkedResponder {
 public:
  ChunkedResponder(int chunks, std::chrono::milliseconds gap, std::size_t chunk_bytes)
      : acceptor_([=](tcp::socket s) { respond(std::move(s), chunks, gap, chunk_bytes); }) {}
  std::string address() const { return "127.0.0.1:" + std::to_string(acceptor_.port()); }

 private:
  static void respond(tcp::socket socket, int chunks, std::chrono::milliseconds gap, std::size_t chunk_bytes) {
    boost::system::error_code ec;
    socket.set_option(tcp::no_delay(true), ec);
    char request[4096];
    socket.read_some(asio::buffer(request), ec);
    if (ec) return;
    const std::string chunk(chunk_bytes, 'r');
    for (int i = 0; i < chunks && !ec; ++i) {
      if (i > 0) std::this_thread::sleep_for(gap);
      asio::write(socket, asio::buffer(chunk), ec);
    }
    socket.shutdown(tcp::socket::shutdown_send, ec);
  }
  LoopbackAcceptor acceptor_;
};

}  // namespace gauntlet::chaos::proxy::testing
