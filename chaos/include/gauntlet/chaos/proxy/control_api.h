#pragma once
/// Toxiproxy-compatible HTTP control API over a ProxyServer: same routes,
/// status codes and JSON shapes, so Toxiproxy clients and scripts work.
#include "gauntlet/chaos/netload/endpoint.h"
#include "gauntlet/chaos/proxy/proxy_server.h"

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

namespace gauntlet::chaos::proxy {

/// One HTTP reply of the control API.
struct ControlReply {
  int status = 200;
  std::string body;  ///< JSON, or empty for 204
};

/// The routes, without the transport (testable directly):
/// GET/POST /proxies, GET/POST/PATCH/DELETE /proxies/{name},
/// GET/POST /proxies/{name}/toxics, GET/POST/PATCH/DELETE /proxies/{name}/toxics/{toxic},
/// POST /populate, POST /reset, GET /version.
/// Errors are {"error": "...", "status": N} with 400/404/409/500 like Toxiproxy.
class ControlApi {
 public:
  ControlApi(ProxyServer& server, std::string version) : server_(server), version_(std::move(version)) {}
  ControlReply handle(std::string_view method, std::string_view target, std::string_view body);

 private:
  ProxyServer& server_;
  std::string version_;
};

/// Limits that keep the control API answering under careless or hostile clients.
struct ControlServerOptions {
  /// A connection that sends no complete request for this long is closed
  /// (idle keep-alive clients and slow senders alike).
  std::chrono::milliseconds idle_timeout{30'000};
  /// When accept fails (EMFILE/ENFILE: out of descriptors, or any other
  /// error), the accept loop waits this long before it tries again, doubling
  /// up to `max_accept_backoff`: it never spins.
  std::chrono::milliseconds accept_backoff{10};
  std::chrono::milliseconds max_accept_backoff{1'000};
};

/// Serves a ControlApi over HTTP/1.1 (Boost.Beast) on its own thread.
class ControlServer {
 public:
  /// Listens on `at` (port 0: any free port). kUnavailable when the bind fails.
  static Result<std::unique_ptr<ControlServer>> start(ControlApi& api, const netload::Endpoint& at,
                                                      ControlServerOptions options = {});
  /// Stops accepting, closes sessions and joins the thread.
  ~ControlServer();
  ControlServer(const ControlServer&) = delete;
  ControlServer& operator=(const ControlServer&) = delete;
  /// Where it listens (with the bound port).
  netload::Endpoint endpoint() const;

 private:
  struct Impl;
  explicit ControlServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// Toxiproxy's default control port.
constexpr std::uint16_t kDefaultControlPort = 8474;

}  // namespace gauntlet::chaos::proxy
