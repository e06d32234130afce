#pragma once
/// One-off blocking HTTP/1.1 GET with a deadline, for readiness checks and tests.
#include "gauntlet/chaos/netload/endpoint.h"
#include "gauntlet/harness/clock.h"
#include "gauntlet/harness/error.h"

#include <string>

namespace gauntlet::chaos::netload {

struct HttpReply {
  int status = 0;
  std::string body;
};

/// GET `target` from `to` on a fresh connection ("Connection: close").
/// kUnavailable when it cannot connect, or no full reply arrives within
/// `timeout_ns` (socket send/receive timeouts).
Result<HttpReply> http_get(const Endpoint& to, const std::string& target, Nanos timeout_ns);

/// True when a TCP connection to `to` is accepted.
bool tcp_connects(const Endpoint& to);

}  // namespace gauntlet::chaos::netload
