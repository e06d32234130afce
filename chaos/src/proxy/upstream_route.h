#pragma once
// Where a proxy's connections go. An upstream is "host:port" where host is a
// numeric address, localhost (127.0.0.1, as everywhere in Gauntlet) or a host
// name. A name is resolved when the proxy is created or its upstream changed;
// connections then use those addresses. A name that did not resolve then is
// accepted (as Toxiproxy does) and resolved again by each connection, which is
// closed when it still does not resolve. Every address must be loopback unless
// remote addresses are allowed, at creation and at connection alike.
#include "gauntlet/harness/error.h"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gauntlet::chaos::proxy::detail {

struct UpstreamRoute {
  std::string host;  ///< numeric or a name, without brackets
  std::uint16_t port = 0;
  std::vector<boost::asio::ip::tcp::endpoint> endpoints;  ///< in the order to try; empty: resolve on connect
};

/// Parses `text` ("host:port", "[v6]:port", ":port") and resolves a host name
/// (getaddrinfo, blocking: call off the I/O thread). kInvalidArgument naming
/// the field "upstream" when malformed, or when an address is not loopback and
/// `allow_remote` is false (naming the address a name resolved to). A name
/// that does not resolve gives a route without endpoints.
Result<UpstreamRoute> resolve_upstream(std::string_view text, bool allow_remote);

/// The addresses of `route` for one connection: its endpoints, or else the
/// name resolved now (asynchronously) and checked as above. kUnavailable when
/// the name does not resolve, kInvalidArgument when an address is remote.
boost::asio::awaitable<Result<std::vector<boost::asio::ip::tcp::endpoint>>> endpoints_for_connection(
    boost::asio::any_io_executor executor, UpstreamRoute route, bool allow_remote);

}  // namespace gauntlet::chaos::proxy::detail
