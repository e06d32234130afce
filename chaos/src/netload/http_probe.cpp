#include "gauntlet/chaos/netload/http_probe.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include <sys/socket.h>
#include <sys/time.h>

namespace gauntlet::chaos::netload {
namespace {

namespace asio = boost::asio;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;

void set_socket_timeouts(tcp::socket& socket, Nanos timeout_ns) {
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(timeout_ns / kNanosPerSecond);
  tv.tv_usec = static_cast<suseconds_t>((timeout_ns % kNanosPerSecond) / kNanosPerMicro);
  if (tv.tv_sec == 0 && tv.tv_usec == 0) tv.tv_usec = 1;
  ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
}

tcp::endpoint to_asio(const Endpoint& e) { return {asio::ip::make_address(e.host), e.port}; }

}  // namespace

bool tcp_connects(const Endpoint& to) {
  asio::io_context io;
  tcp::socket socket(io);
  boost::system::error_code ec;
  socket.connect(to_asio(to), ec);
  return !ec;
}

Result<HttpReply> http_get(const Endpoint& to, const std::string& target, Nanos timeout_ns) {
  asio::io_context io;
  tcp::socket socket(io);
  boost::system::error_code ec;
  socket.connect(to_asio(to), ec);
  if (ec) return Error(ErrorCode::kUnavailable, "GET http://" + to.to_string() + target + ": " + ec.message());
  set_socket_timeouts(socket, timeout_ns);
  http::request<http::empty_body> request{http::verb::get, target, 11};
  request.set(http::field::host, to.to_string());
  request.set(http::field::connection, "close");
  http::write(socket, request, ec);
  boost::beast::flat_buffer buffer;
  http::response<http::string_body> response;
  if (!ec) http::read(socket, buffer, response, ec);
  if (ec) return Error(ErrorCode::kUnavailable, "GET http://" + to.to_string() + target + ": " + ec.message());
  return HttpReply{static_cast<int>(response.result_int()), std::move(response.body())};
}

}  // namespace gauntlet::chaos::netload
