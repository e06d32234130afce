#pragma once
/// Host:port endpoints and the loopback-only rule for traffic.
#include "gauntlet/harness/error.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace gauntlet::chaos::netload {

/// A numeric address (IPv4 or IPv6) and a port. "localhost" is read as 127.0.0.1.
struct Endpoint {
  std::string host;  ///< numeric, e.g. "127.0.0.1" or "::1"
  std::uint16_t port = 0;
  /// "127.0.0.1:8080" or "[::1]:8080".
  std::string to_string() const;
  friend bool operator==(const Endpoint&, const Endpoint&) = default;
};

/// True for 127.0.0.0/8 and ::1.
bool is_loopback(std::string_view numeric_host) noexcept;

/// Parses "host:port", "[v6]:port" or ":port" (loopback). Hosts must be numeric
/// or "localhost". kInvalidArgument when malformed, or when not loopback and
/// `allow_remote` is false; `what` names the field in the message.
Result<Endpoint> parse_endpoint(std::string_view text, bool allow_remote, std::string_view what = "address");

}  // namespace gauntlet::chaos::netload
