#include "service/http_url.h"

namespace gauntlet::chaos::service::detail {

Result<HttpUrl> parse_http_url(std::string_view url, bool allow_remote, std::string_view what) {
  constexpr std::string_view kScheme = "http://";
  if (!url.starts_with(kScheme)) {
    return Error(ErrorCode::kInvalidArgument,
                 std::string(what) + " '" + std::string(url) + "': expected http://host:port/path");
  }
  std::string_view rest = url.substr(kScheme.size());
  const std::size_t slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  auto endpoint = netload::parse_endpoint(authority, allow_remote, what);
  if (!endpoint) return endpoint.error();
  return HttpUrl{*endpoint, slash == std::string_view::npos ? std::string("/") : std::string(rest.substr(slash))};
}

}  // namespace gauntlet::chaos::service::detail
