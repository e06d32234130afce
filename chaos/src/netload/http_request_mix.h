#pragma once
// The requests a load run sends: each HTTP template (or the single raw TCP
// request) serialized once, and the seeded, weighted choice of a template by
// request number, so the hot path neither formats nor allocates nor shares a
// random source between threads.
#include "gauntlet/chaos/netload/net_load.h"

#include <cstdint>
#include <string>
#include <vector>

namespace gauntlet::chaos::netload::detail {

/// The bytes of one request, ready to write.
struct PreparedRequest {
  std::string bytes;
  bool head = false;  ///< a HEAD request: its response has no body whatever its headers say
};

/// The HTTP/1.1 request for `request` to `host`: request line, Host and
/// User-Agent (unless the template sets them), the template's headers,
/// `Connection: close` when not `keep_alive`, Content-Length when there is a
/// body, then the body.
std::string http_request_bytes(const HttpRequestTemplate& request, const Endpoint& host, bool keep_alive);

/// kInvalidArgument naming the field when the HTTP request mix of `spec` is
/// malformed (see NetLoadSpec::validate).
Status validate_request_mix(const NetLoadSpec& spec);

class RequestMix {
 public:
  /// A valid spec's requests: its HTTP templates (or one GET of `path` when
  /// there are none), or its raw request.
  explicit RequestMix(const NetLoadSpec& spec);

  /// The template for request number `number` (0, 1, ...): a draw of
  /// SplitMix64 keyed by the seed and the number against the cumulative
  /// weights, the same under any threading.
  std::size_t index(std::uint64_t number) const noexcept;
  const PreparedRequest& request(std::uint64_t number) const noexcept { return requests_[index(number)]; }
  std::size_t size() const noexcept { return requests_.size(); }

 private:
  std::vector<PreparedRequest> requests_;
  std::vector<double> cumulative_;  ///< running sums of the weights
  std::uint64_t key_ = 0;
};

}  // namespace gauntlet::chaos::netload::detail
