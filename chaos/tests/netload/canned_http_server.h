#pragma once
// A loopback HTTP server for load-generator tests. It reads each request
// (head and Content-Length body), records it, and answers with canned bytes:
// the same for every request, or chosen per request by a responder, which may
// also close the connection or leave the request unanswered. It closes the
// connection after an answer whose bytes say "Connection: close".
#include "../proxy/test_sockets.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gauntlet::chaos::netload::testing {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

/// One request the server read.
struct SeenRequest {
  std::string method;
  std::string path;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::uint64_t connection = 0;  ///< 1, 2, ... in accept order

  /// The first value of header `name` (case-insensitive), or "" when absent.
  std::string header(std::string_view name) const {
    for (const auto& [n, v] : headers) {
      if (n.size() == name.size() && std::equal(n.begin(), n.end(), name.begin(),
                                                [](char a, char b) { return std::tolower(a) == std::tolower(b); })) {
        return v;
      }
    }
    return "";
  }
};

/// What the server does with one request.
struct CannedReply {
  enum class Action { kAnswer, kClose, kIgnore } action = Action::kAnswer;
  std::string bytes;  ///< kAnswer: written as they are
};

class CannedHttpServer {
 public:
  using Responder = std::function<CannedReply(const SeenRequest&)>;

  /// Answers every request with `response`.
  explicit CannedHttpServer(std::string response)
      : CannedHttpServer([response = std::move(response)](const SeenRequest&) {
          return CannedReply{CannedReply::Action::kAnswer, response};
        }) {}
  /// Answers each request as `responder` says (called on the server's thread).
  explicit CannedHttpServer(Responder responder)
      : responder_(std::move(responder)), acceptor_([this](tcp::socket socket) {
          const std::uint64_t number = accepted_.fetch_add(1) + 1;
          std::make_shared<Session>(std::move(socket), *this, number)->read();
        }) {}
  std::uint16_t port() const { return acceptor_.port(); }
  std::uint64_t connections() const { return accepted_.load(); }
  /// Every request read so far, in the order read.
  std::vector<SeenRequest> requests() const {
    std::lock_guard lock(mutex_);
    return seen_;
  }

 private:
  struct Session : std::enable_shared_from_this<Session> {
    Session(tcp::socket s, CannedHttpServer& owner, std::uint64_t number)
        : socket(std::move(s)), server(owner), connection(number) {}

    void read() {
      asio::async_read_until(socket, asio::dynamic_buffer(pending), "\r\n\r\n",
                             [self = shared_from_this()](boost::system::error_code ec, std::size_t n) {
                               if (ec) return;
                               self->on_head(n);
                             });
    }
    void on_head(std::size_t head_size) {
      SeenRequest request = parse_head(std::string_view(pending).substr(0, head_size));
      request.connection = connection;
      pending.erase(0, head_size);
      const std::size_t body_size = std::stoul("0" + request.header("Content-Length"));
      if (pending.size() >= body_size) return on_request(std::move(request), body_size);
      auto shared = std::make_shared<SeenRequest>(std::move(request));
      asio::async_read(socket, asio::dynamic_buffer(pending), asio::transfer_exactly(body_size - pending.size()),
                       [self = shared_from_this(), shared, body_size](boost::system::error_code ec, std::size_t) {
                         if (ec) return;
                         self->on_request(std::move(*shared), body_size);
                       });
    }
    void on_request(SeenRequest request, std::size_t body_size) {
      request.body = pending.substr(0, body_size);
      pending.erase(0, body_size);
      reply = server.responder_(request);
      {
        std::lock_guard lock(server.mutex_);
        server.seen_.push_back(std::move(request));
      }
      switch (reply.action) {
        case CannedReply::Action::kIgnore:
          return read();
        case CannedReply::Action::kClose: {
          boost::system::error_code ignored;
          socket.shutdown(tcp::socket::shutdown_both, ignored);
          socket.close(ignored);
          return;
        }
        case CannedReply::Action::kAnswer:
          break;
      }
      asio::async_write(socket, asio::buffer(reply.bytes),
                        [self = shared_from_this()](boost::system::error_code ec, std::size_t) {
                          if (ec) return;
                          if (self->reply.bytes.find("Connection: close\r\n") != std::string::npos) {
                            boost::system::error_code ignored;
                            self->socket.shutdown(tcp::socket::shutdown_both, ignored);
                            return;
                          }
                          self->read();
                        });
    }
    static SeenRequest parse_head(std::string_view head) {
      SeenRequest r;
      auto line_end = head.find("\r\n");
      std::string_view line = head.substr(0, line_end);
      auto sp1 = line.find(' ');
      auto sp2 = line.find(' ', sp1 + 1);
      r.method = std::string(line.substr(0, sp1));
      r.path = std::string(line.substr(sp1 + 1, sp2 - sp1 - 1));
      for (std::size_t at = line_end + 2; at < head.size();) {
        const std::size_t end = head.find("\r\n", at);
        std::string_view field = head.substr(at, end - at);
        at = end + 2;
        const std::size_t colon = field.find(':');
        if (field.empty() || colon == std::string_view::npos) continue;
        std::string_view value = field.substr(colon + 1);
        while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
        r.headers.emplace_back(std::string(field.substr(0, colon)), std::string(value));
      }
      return r;
    }

    tcp::socket socket;
    CannedHttpServer& server;
    const std::uint64_t connection;
    std::string pending;
    CannedReply reply;
  };

  Responder responder_;
  std::atomic<std::uint64_t> accepted_{0};
  mutable std::mutex mutex_;
  std::vector<SeenRequest> seen_;
  proxy::testing::LoopbackAcceptor acceptor_;  // last: stopped first, while the rest still lives
};

}  // namespace gauntlet::chaos::netload::testing
