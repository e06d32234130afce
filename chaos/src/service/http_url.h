#pragma once
// "http://host:port/path" as an endpoint and a request target.
#include <string>
#include <string_view>

#include "gauntlet/chaos/netload/endpoint.h"

namespace gauntlet::chaos::service::detail {

struct HttpUrl {
  netload::Endpoint endpoint;
  std::string path;  ///< "/" when the URL has none
};

/// kInvalidArgument naming `what` for another scheme, a missing port, a
/// non-numeric host other than localhost, or a remote host without `allow_remote`.
Result<HttpUrl> parse_http_url(std::string_view url, bool allow_remote, std::string_view what);

}  // namespace gauntlet::chaos::service::detail
