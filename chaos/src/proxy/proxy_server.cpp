#include "gauntlet/chaos/proxy/proxy_server.h"

#include "gauntlet/chaos/netload/endpoint.h"
#include "sigpipe.h"
#include "tcp_proxy.h"
#include "upstream_route.h"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>

#include <algorithm>
#include <future>
#include <map>
#include <thread>

namespace gauntlet::chaos::proxy {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {

struct Entry {
  std::shared_ptr<detail::TcpProxy> proxy;
  std::string listen;    // as requested (port 0 allowed)
  std::string upstream;  // as requested
  bool enabled = true;
  std::vector<Toxic> toxics;
};

Error not_found(const std::string& name) { return Error(ErrorCode::kNotFound, "proxy '" + name + "' not found"); }

tcp::endpoint to_asio(const netload::Endpoint& e) { return {asio::ip::make_address(e.host), e.port}; }

}  // namespace

struct ProxyServer::Impl {
  asio::io_context io;
  asio::executor_work_guard<asio::io_context::executor_type> work{io.get_executor()};
  std::thread thread;
  mutable std::mutex mutex;  // guards `proxies`; never taken on the I/O thread
  std::map<std::string, Entry> proxies;

  // Runs `fn` on the I/O thread and waits for its result.
  template <typename F>
  auto on_io(F fn) -> decltype(fn()) {
    std::packaged_task<decltype(fn())()> task(std::move(fn));
    auto result = task.get_future();
    asio::post(io, [&task] { task(); });
    return result.get();
  }

  ProxyInfo info(const std::string& name, const Entry& e) const {
    const tcp::endpoint bound = e.proxy->bound();
    const std::string listen =
        e.enabled ? netload::Endpoint{bound.address().to_string(), bound.port()}.to_string() : e.listen;
    return {name, listen, e.upstream, e.enabled, e.toxics};
  }

  // Binds (or re-binds) the listener; kUnavailable when the port is taken.
  Status start(const std::string& name, Entry& e, const netload::Endpoint& at) {
    auto ec = on_io([&] { return e.proxy->listen(to_asio(at)); });
    if (ec)
      return Error(ErrorCode::kUnavailable, "proxy '" + name + "': listen " + at.to_string() + ": " + ec.message());
    // Keep the chosen port across disable/enable.
    e.listen = netload::Endpoint{at.host, e.proxy->bound().port()}.to_string();
    return {};
  }

  void stop(Entry& e) {
    on_io([&] {
      e.proxy->close_listener();
      e.proxy->close_connections();
      return 0;
    });
  }
};

ProxyServer::ProxyServer(ProxyOptions options) : options_(options), impl_(std::make_unique<Impl>()) {
  impl_->thread = std::thread([io = &impl_->io] {
    // Splicing into a closed socket raises SIGPIPE at this thread: blocked here,
    // it never reaches the process's disposition (see sigpipe.h).
    detail::block_sigpipe_in_this_thread();
    io->run();
  });
}

ProxyServer::~ProxyServer() {
  {
    std::lock_guard lock(impl_->mutex);
    for (auto& [name, e] : impl_->proxies) impl_->stop(e);
    impl_->proxies.clear();
  }
  impl_->work.reset();
  impl_->io.stop();
  impl_->thread.join();
}

Result<ProxyInfo> ProxyServer::create(const ProxySpec& spec) {
  if (spec.name.empty()) return Error(ErrorCode::kInvalidArgument, "proxy name must not be empty");
  auto listen = netload::parse_endpoint(spec.listen, options_.allow_remote, "listen");
  if (!listen.ok()) return listen.error();
  auto upstream = detail::resolve_upstream(spec.upstream, options_.allow_remote);
  if (!upstream.ok()) return upstream.error();
  std::lock_guard lock(impl_->mutex);
  if (impl_->proxies.count(spec.name)) {
    return Error(ErrorCode::kAlreadyExists, "proxy '" + spec.name + "' already exists");
  }
  Entry e{std::make_shared<detail::TcpProxy>(impl_->io, spec.name, options_.seed, options_.allow_remote),
          listen->to_string(),
          spec.upstream,
          spec.enabled,
          {}};
  e.proxy->set_upstream(std::move(*upstream));
  if (spec.enabled) {
    if (Status s = impl_->start(spec.name, e, *listen); !s.ok()) return s.error();
  }
  auto [it, inserted] = impl_->proxies.emplace(spec.name, std::move(e));
  return impl_->info(it->first, it->second);
}

Result<ProxyInfo> ProxyServer::update(const std::string& name, const ProxyUpdate& change) {
  // Resolved before taking the lock: a slow name lookup holds up no other call.
  std::optional<Result<detail::UpstreamRoute>> upstream;
  if (change.upstream) {
    upstream = detail::resolve_upstream(*change.upstream, options_.allow_remote);
    if (!upstream->ok()) return upstream->error();
  }
  std::optional<std::string> new_listen;
  if (change.listen) {
    auto listen = netload::parse_endpoint(*change.listen, options_.allow_remote, "listen");
    if (!listen.ok()) return listen.error();
    new_listen = listen->to_string();
  }
  std::lock_guard lock(impl_->mutex);
  auto it = impl_->proxies.find(name);
  if (it == impl_->proxies.end()) return not_found(name);
  Entry& e = it->second;
  if (new_listen && *new_listen == e.listen) new_listen.reset();
  // Everything that can fail is checked above; only the bind below can fail
  // now, and then the proxy is put back as it was (address and state).
  const std::string old_listen = e.listen;
  const bool was_enabled = e.enabled;
  const bool enable = change.enabled.value_or(e.enabled);
  if (new_listen || !enable) {
    if (e.enabled) impl_->stop(e);
    e.enabled = false;
  }
  if (new_listen) e.listen = *new_listen;
  if (enable && !e.enabled) {
    auto listen = netload::parse_endpoint(e.listen, true, "listen");
    if (Status s = impl_->start(name, e, *listen); !s.ok()) {
      e.listen = old_listen;
      if (was_enabled) {
        auto old = netload::parse_endpoint(old_listen, true, "listen");
        if (old.ok() && impl_->start(name, e, *old).ok()) e.enabled = true;
      }
      return s.error();
    }
    e.enabled = true;
  }
  if (upstream) {
    e.proxy->set_upstream(std::move(**upstream));
    e.upstream = *change.upstream;
  }
  return impl_->info(name, e);
}

Status ProxyServer::remove(const std::string& name) {
  std::lock_guard lock(impl_->mutex);
  auto it = impl_->proxies.find(name);
  if (it == impl_->proxies.end()) return not_found(name);
  impl_->stop(it->second);
  impl_->proxies.erase(it);
  return {};
}

Result<ProxyInfo> ProxyServer::get(const std::string& name) const {
  std::lock_guard lock(impl_->mutex);
  auto it = impl_->proxies.find(name);
  if (it == impl_->proxies.end()) return not_found(name);
  return impl_->info(name, it->second);
}

std::vector<ProxyInfo> ProxyServer::list() const {
  std::lock_guard lock(impl_->mutex);
  std::vector<ProxyInfo> out;
  for (const auto& [name, e] : impl_->proxies) out.push_back(impl_->info(name, e));
  return out;
}

Result<std::vector<ProxyInfo>> ProxyServer::populate(const std::vector<ProxySpec>& specs) {
  std::vector<ProxyInfo> out;
  for (const ProxySpec& spec : specs) {
    auto existing = get(spec.name);
    if (existing.ok()) {
      auto listen = netload::parse_endpoint(spec.listen, options_.allow_remote, "listen");
      const bool same = listen.ok() && existing->upstream == spec.upstream &&
                        (existing->listen == listen->to_string() || listen->port == 0);
      if (same) {
        out.push_back(*existing);
        continue;
      }
      if (Status s = remove(spec.name); !s.ok()) return s.error();
    }
    auto created = create(spec);
    if (!created.ok()) return created.error().with_context("populate");
    out.push_back(*created);
  }
  return out;
}

Status ProxyServer::reset() {
  for (const ProxyInfo& p : list()) {
    {
      std::lock_guard lock(impl_->mutex);
      auto it = impl_->proxies.find(p.name);
      if (it == impl_->proxies.end()) continue;
      it->second.toxics.clear();
      it->second.proxy->set_toxics({});
    }
    if (!p.enabled) {
      auto enabled = update(p.name, ProxyUpdate{std::nullopt, std::nullopt, true});
      if (!enabled.ok()) return enabled.error();
    }
  }
  return {};
}

Result<Toxic> ProxyServer::add_toxic(const std::string& proxy, Toxic toxic) {
  if (Status s = validate(toxic); !s.ok()) return s.error();
  std::lock_guard lock(impl_->mutex);
  auto it = impl_->proxies.find(proxy);
  if (it == impl_->proxies.end()) return not_found(proxy);
  Entry& e = it->second;
  for (const Toxic& t : e.toxics) {
    if (t.name == toxic.name) return Error(ErrorCode::kAlreadyExists, "toxic '" + toxic.name + "' already exists");
  }
  e.toxics.push_back(toxic);
  e.proxy->set_toxics(e.toxics);
  return toxic;
}

Result<Toxic> ProxyServer::update_toxic(const std::string& proxy, Toxic toxic) {
  if (Status s = validate(toxic); !s.ok()) return s.error();
  std::lock_guard lock(impl_->mutex);
  auto it = impl_->proxies.find(proxy);
  if (it == impl_->proxies.end()) return not_found(proxy);
  Entry& e = it->second;
  for (Toxic& t : e.toxics) {
    if (t.name != toxic.name) continue;
    toxic.type = t.type;
    toxic.stream = t.stream;
    t = toxic;
    e.proxy->set_toxics(e.toxics);
    return toxic;
  }
  return Error(ErrorCode::kNotFound, "toxic '" + toxic.name + "' not found");
}

Status ProxyServer::remove_toxic(const std::string& proxy, const std::string& toxic) {
  std::lock_guard lock(impl_->mutex);
  auto it = impl_->proxies.find(proxy);
  if (it == impl_->proxies.end()) return not_found(proxy);
  Entry& e = it->second;
  const auto removed = std::erase_if(e.toxics, [&](const Toxic& t) { return t.name == toxic; });
  if (removed == 0) return Error(ErrorCode::kNotFound, "toxic '" + toxic + "' not found");
  e.proxy->set_toxics(e.toxics);
  return {};
}

Result<ProxyStats> ProxyServer::stats(const std::string& proxy) const {
  std::lock_guard lock(impl_->mutex);
  auto it = impl_->proxies.find(proxy);
  if (it == impl_->proxies.end()) return not_found(proxy);
  return it->second.proxy->stats();
}

}  // namespace gauntlet::chaos::proxy
