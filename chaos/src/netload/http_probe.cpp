#include "gauntlet/chaos/netload/http_probe.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>

namespace gauntlet::chaos::netload {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

tcp::endpoint to_asio(const Endpoint& e) { return {asio::ip::make_address(e.host), e.port}; }

}  // namespace

bool tcp_connects(const Endpoint& to) {
  asio::io_context io;
  tcp::socket socket(io);
  boost::system::error_code ec;
  socket.connect(to_asio(to), ec);
  return !ec;
}

// Asynchronous operations on a private io_context run for at most the
// deadline: blocking socket calls would retry a receive timeout forever.
Result<HttpReply> http_get(const Endpoint& to, const std::string& target, Nanos timeout_ns) {
  asio::io_context io;
  beast::tcp_stream stream(io);
  beast::flat_buffer buffer;
  http::request<http::empty_body> request{http::verb::get, target, 11};
  request.set(http::field::host, to.to_string());
  request.set(http::field::connection, "close");
  http::response<http::string_body> response;
  boost::system::error_code result = asio::error::timed_out;
  stream.expires_after(std::chrono::nanoseconds(timeout_ns));
  stream.async_connect(to_asio(to), [&](boost::system::error_code ec) {
    if (ec) {
      result = ec;
      return;
    }
    http::async_write(stream, request, [&](boost::system::error_code wec, std::size_t) {
      if (wec) {
        result = wec;
        return;
      }
      http::async_read(stream, buffer, response, [&](boost::system::error_code rec, std::size_t) { result = rec; });
    });
  });
  io.run();  // ends when the chain completes or the stream's deadline fires
  if (result) {
    return Error(ErrorCode::kUnavailable, "GET http://" + to.to_string() + target + ": " + result.message());
  }
  return HttpReply{static_cast<int>(response.result_int()), std::move(response.body())};
}

}  // namespace gauntlet::chaos::netload
