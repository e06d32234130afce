#include "upstream_route.h"

#include "gauntlet/chaos/netload/endpoint.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <charconv>

namespace gauntlet::chaos::proxy::detail {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {

Error bad_upstream(std::string_view text, std::string_view why) {
  return Error(ErrorCode::kInvalidArgument, "upstream '" + std::string(text) + "': " + std::string(why));
}

bool is_numeric_or_localhost(const std::string& host) {
  if (host.empty() || host == "localhost") return true;
  boost::system::error_code ec;
  asio::ip::make_address(host, ec);
  return !ec;
}

// Every address must be loopback unless remote ones are allowed.
Status check_loopback(std::string_view text, const std::string& host, const std::vector<tcp::endpoint>& endpoints,
                      bool allow_remote) {
  if (allow_remote) return {};
  for (const tcp::endpoint& e : endpoints) {
    if (e.address().is_loopback()) continue;
    return bad_upstream(text, "host '" + host + "' resolves to " + e.address().to_string() +
                                  ", not a loopback address (pass --allow-remote to permit)");
  }
  return {};
}

std::vector<tcp::endpoint> endpoints_of(const tcp::resolver::results_type& results) {
  std::vector<tcp::endpoint> out;
  for (const auto& entry : results) out.push_back(entry.endpoint());
  return out;
}

}  // namespace

Result<UpstreamRoute> resolve_upstream(std::string_view text, bool allow_remote) {
  const auto colon = text.rfind(':');
  if (colon == std::string_view::npos) return bad_upstream(text, "expected host:port");
  std::string host(text.substr(0, colon));
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (is_numeric_or_localhost(host)) {
    auto endpoint = netload::parse_endpoint(text, allow_remote, "upstream");
    if (!endpoint.ok()) return endpoint.error();
    const tcp::endpoint at(asio::ip::make_address(endpoint->host), endpoint->port);
    return UpstreamRoute{endpoint->host, endpoint->port, {at}};
  }
  const std::string_view port_text = text.substr(colon + 1);
  unsigned port = 0;
  auto [ptr, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (port_text.empty() || ec != std::errc() || ptr != port_text.data() + port_text.size() || port > 65535) {
    return bad_upstream(text, "port must be a number 0-65535");
  }
  UpstreamRoute route{host, static_cast<std::uint16_t>(port), {}};
  asio::io_context io;
  tcp::resolver resolver(io);
  boost::system::error_code resolve_ec;
  // No address_configured flag: a host with loopback only must still find 127.0.0.1.
  auto results = resolver.resolve(host, std::to_string(port), tcp::resolver::numeric_service, resolve_ec);
  if (resolve_ec) return route;  // accepted; each connection tries again
  route.endpoints = endpoints_of(results);
  if (Status s = check_loopback(text, host, route.endpoints, allow_remote); !s.ok()) return s.error();
  return route;
}

asio::awaitable<Result<std::vector<tcp::endpoint>>> endpoints_for_connection(asio::any_io_executor executor,
                                                                             UpstreamRoute route, bool allow_remote) {
  if (!route.endpoints.empty()) co_return route.endpoints;
  tcp::resolver resolver(executor);
  auto [ec, results] = co_await resolver.async_resolve(
      route.host, std::to_string(route.port), tcp::resolver::numeric_service, asio::as_tuple(asio::use_awaitable));
  if (ec) co_return Error(ErrorCode::kUnavailable, "upstream host '" + route.host + "': " + ec.message());
  std::vector<tcp::endpoint> endpoints = endpoints_of(results);
  const std::string text = route.host + ":" + std::to_string(route.port);
  if (Status s = check_loopback(text, route.host, endpoints, allow_remote); !s.ok()) co_return s.error();
  co_return endpoints;
}

}  // namespace gauntlet::chaos::proxy::detail
