#pragma once
/// A set of named TCP fault proxies (listen → upstream) running on their own
/// I/O thread. Thread-safe: the scenario schedule and the HTTP control API
/// change proxies and toxics while connections flow.
#include "gauntlet/chaos/proxy/toxic.h"
#include "gauntlet/harness/error.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace gauntlet::chaos::proxy {

struct ProxySpec {
  std::string name;
  std::string listen = "127.0.0.1:0";  ///< port 0: pick a free port
  /// host:port; host numeric, localhost or a name. A name is resolved (getaddrinfo)
  /// by create/update, and every address must be loopback unless allow_remote.
  /// A name that does not resolve is accepted (as Toxiproxy does): each
  /// connection resolves it again and is closed while it still does not.
  std::string upstream;
  bool enabled = true;  ///< false: `down` (no listener, connections cut)
};

/// A proxy as it is now: `listen` carries the bound port.
struct ProxyInfo {
  std::string name;
  std::string listen;
  std::string upstream;  ///< as given (a name stays a name)
  bool enabled = true;
  std::vector<Toxic> toxics;  ///< in the order added
};

/// Changes to a proxy; unset fields stay as they are.
struct ProxyUpdate {
  std::optional<std::string> listen;
  std::optional<std::string> upstream;
  std::optional<bool> enabled;
};

struct ProxyOptions {
  std::uint64_t seed = 0;     ///< decides toxicity per connection and jitter/slicer sizes; same seed, same choices
  bool allow_remote = false;  ///< permit non-loopback listen/upstream addresses
};

/// Counters of one proxy (for tests and the journal).
struct ProxyStats {
  std::uint64_t connections = 0;        ///< accepted
  std::uint64_t toxic_connections = 0;  ///< accepted connections that got at least one toxic
};

class ProxyServer {
 public:
  /// Starts the I/O thread, which blocks SIGPIPE in its own signal mask (the
  /// process's disposition is left alone; see docs/net.md).
  explicit ProxyServer(ProxyOptions options = {});
  /// Closes every listener and connection and joins the I/O thread.
  ~ProxyServer();
  ProxyServer(const ProxyServer&) = delete;
  ProxyServer& operator=(const ProxyServer&) = delete;

  /// kAlreadyExists, kInvalidArgument (name, address, remote: naming the field and
  /// the address a name resolved to), kUnavailable (bind failed). Resolves an
  /// upstream name on the calling thread.
  Result<ProxyInfo> create(const ProxySpec& spec);
  /// kNotFound, kInvalidArgument, kUnavailable (the new address cannot be
  /// bound). A failed update changes nothing: the proxy keeps its address,
  /// its upstream and its state (an enabled proxy listens where it did).
  Result<ProxyInfo> update(const std::string& name, const ProxyUpdate& change);
  Status remove(const std::string& name);
  Result<ProxyInfo> get(const std::string& name) const;
  /// All proxies, sorted by name.
  std::vector<ProxyInfo> list() const;
  /// Creates the proxies or replaces those whose listen/upstream differ (Toxiproxy's /populate).
  Result<std::vector<ProxyInfo>> populate(const std::vector<ProxySpec>& specs);
  /// Enables every proxy and removes every toxic.
  Status reset();

  /// kNotFound (proxy), kAlreadyExists (toxic name), kInvalidArgument.
  Result<Toxic> add_toxic(const std::string& proxy, Toxic toxic);
  /// Replaces toxic `toxic.name`'s attributes and toxicity (type and stream stay).
  Result<Toxic> update_toxic(const std::string& proxy, Toxic toxic);
  Status remove_toxic(const std::string& proxy, const std::string& toxic);

  Result<ProxyStats> stats(const std::string& proxy) const;
  const ProxyOptions& options() const noexcept { return options_; }

 private:
  struct Impl;
  ProxyOptions options_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace gauntlet::chaos::proxy
