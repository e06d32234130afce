#include "gauntlet/chaos/netload/endpoint.h"

#include <boost/asio/ip/address.hpp>

#include <charconv>

namespace gauntlet::chaos::netload {

std::string Endpoint::to_string() const {
  if (host.find(':') != std::string::npos) return "[" + host + "]:" + std::to_string(port);
  return host + ":" + std::to_string(port);
}

bool is_loopback(std::string_view numeric_host) noexcept {
  boost::system::error_code ec;
  auto addr = boost::asio::ip::make_address(std::string(numeric_host), ec);
  return !ec && addr.is_loopback();
}

Result<Endpoint> parse_endpoint(std::string_view text, bool allow_remote, std::string_view what) {
  auto fail = [&](std::string_view why) {
    return Error(ErrorCode::kInvalidArgument, std::string(what) + " '" + std::string(text) + "': " + std::string(why));
  };
  auto colon = text.rfind(':');
  if (colon == std::string_view::npos) return fail("expected host:port");
  std::string host(text.substr(0, colon));
  std::string_view port_text = text.substr(colon + 1);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (host.empty() || host == "localhost") host = "127.0.0.1";
  unsigned port = 0;
  auto [ptr, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (port_text.empty() || ec != std::errc() || ptr != port_text.data() + port_text.size() || port > 65535) {
    return fail("port must be a number 0-65535");
  }
  boost::system::error_code addr_ec;
  auto addr = boost::asio::ip::make_address(host, addr_ec);
  if (addr_ec) return fail("host must be a numeric address or localhost");
  if (!addr.is_loopback() && !allow_remote) return fail("not a loopback address (pass --allow-remote to permit)");
  return Endpoint{addr.to_string(), static_cast<std::uint16_t>(port)};
}

}  // namespace gauntlet::chaos::netload
