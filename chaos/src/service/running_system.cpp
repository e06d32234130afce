#include "service/running_system.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "gauntlet/chaos/netload/http_probe.h"
#include "gauntlet/chaos/process/memory_usage.h"
#include "gauntlet/chaos/process/nginx.h"
#include "service/http_url.h"

namespace gauntlet::chaos::service::detail {

RunningSystem::RunningSystem(const ServiceDecl& decl, std::uint64_t seed)
    : decl_(decl), proxies_(std::make_unique<proxy::ProxyServer>(proxy::ProxyOptions{seed, decl.allow_remote})) {
  values_.dir = decl.dir.string();
  values_.logs = decl.logs.string();
}

Result<std::unique_ptr<RunningSystem>> RunningSystem::start(const ServiceDecl& decl, std::uint64_t seed, Clock& clock) {
  std::unique_ptr<RunningSystem> system(new RunningSystem(decl, seed));
  std::error_code ec;
  std::filesystem::create_directories(decl.logs, ec);
  if (ec) return Error(ErrorCode::kIoError, fmt::format("log folder '{}': {}", decl.logs.string(), ec.message()));
  for (auto step : {&RunningSystem::allocate_ports, &RunningSystem::check_endpoints, &RunningSystem::create_proxies}) {
    if (Status s = (system.get()->*step)(); !s.ok()) return s.error();
  }
  if (Status s = system->start_processes(clock); !s.ok()) return s.error();
  system->sample_memory();
  return system;
}

RunningSystem::~RunningSystem() {
  std::lock_guard lock(process_mutex_);
  for (auto it = processes_.rbegin(); it != processes_.rend(); ++it) {
    if (const ProcessDecl* d = process_decl((*it)->spec().name); d && (*it)->running()) {
      (void)(*it)->stop(d->stop_signal, d->stop_grace);
    }
  }
  processes_.clear();  // kills and reaps whatever is left
  proxies_.reset();
}

Status RunningSystem::allocate_ports() {
  for (const std::string& name : decl_.ports) {
    auto port = process::free_loopback_port();
    if (!port) return port.error();
    values_.ports[name] = std::to_string(*port);
  }
  return {};
}

Status RunningSystem::create_proxies() {
  for (const ProxyDecl& p : decl_.proxies) {
    proxy::ProxySpec spec;
    spec.name = p.name;
    auto upstream = expand(p.upstream);
    if (!upstream) return upstream.error().with_context("proxy " + p.name);
    spec.upstream = *upstream;
    if (!p.listen.empty()) {
      auto listen = expand(p.listen);
      if (!listen) return listen.error().with_context("proxy " + p.name);
      spec.listen = *listen;
    }
    auto created = proxies_->create(spec);
    if (!created) return created.error().with_context("proxy " + p.name);
    values_.proxies[p.name] = created->listen;
  }
  return {};
}

Status RunningSystem::check_endpoints() {
  for (const EndpointDecl& e : decl_.endpoints) {
    auto address = expand(e.address);
    if (!address) return address.error().with_context("endpoint " + e.name);
    auto endpoint = netload::parse_endpoint(*address, decl_.allow_remote, "endpoint " + e.name);
    if (!endpoint) return endpoint.error();
    if (!netload::tcp_connects(*endpoint)) {
      return Error(ErrorCode::kUnavailable, fmt::format("endpoint {} ({}) refuses connections", e.name, *address));
    }
    values_.endpoints[e.name] = endpoint->to_string();
  }
  return {};
}

Result<process::ProcessSpec> RunningSystem::process_spec(const ProcessDecl& p) const {
  process::ProcessSpec spec;
  spec.name = p.name;
  std::vector<std::string> command;
  for (const std::string& part : p.command) {
    auto expanded = expand(part);
    if (!expanded) return expanded.error().with_context("process " + p.name);
    command.push_back(*expanded);
  }
  auto cwd = expand(p.cwd);
  if (!cwd) return cwd.error().with_context("process " + p.name);
  std::filesystem::path dir = cwd->empty() ? decl_.dir : std::filesystem::path(*cwd);
  if (dir.is_relative()) dir = decl_.dir / dir;
  spec.cwd = dir.lexically_normal();
  std::filesystem::path program = command[0];
  // "./app.py" or "bin/app" are relative to the process's folder; a bare name is looked up on PATH.
  if (program.is_relative() && command[0].find('/') != std::string::npos) program = spec.cwd / program;
  spec.program = program;
  spec.args.assign(command.begin() + 1, command.end());
  for (const auto& [key, value] : p.env) {
    auto expanded = expand(value);
    if (!expanded) return expanded.error().with_context("process " + p.name + " env " + key);
    spec.env[key] = *expanded;
  }
  spec.log_dir = decl_.logs;
  spec.allow_remote = decl_.allow_remote;
  auto what = expand(p.ready.what);
  if (!what) return what.error().with_context("process " + p.name + " ready");
  spec.readiness.timeout_ns = p.ready.timeout;
  switch (p.ready.kind) {
    case ReadyDecl::Kind::kNone:
      break;
    case ReadyDecl::Kind::kTcp: {
      auto at = netload::parse_endpoint(*what, decl_.allow_remote, "process " + p.name + " ready.tcp");
      if (!at) return at.error();
      spec.readiness.kind = process::Readiness::Kind::kTcpConnect;
      spec.readiness.host = at->host;
      spec.readiness.port = at->port;
      break;
    }
    case ReadyDecl::Kind::kHttp: {
      auto url = parse_http_url(*what, decl_.allow_remote, "process " + p.name + " ready.http");
      if (!url) return url.error();
      spec.readiness.kind = process::Readiness::Kind::kHttpGet;
      spec.readiness.host = url->endpoint.host;
      spec.readiness.port = url->endpoint.port;
      spec.readiness.path = url->path;
      break;
    }
    case ReadyDecl::Kind::kLog:
      spec.readiness.kind = process::Readiness::Kind::kLogLine;
      spec.readiness.log_regex = *what;
      break;
  }
  return spec;
}

Status RunningSystem::start_processes(Clock& clock) {
  std::lock_guard lock(process_mutex_);
  for (const ProcessDecl& p : decl_.processes) {
    auto spec = process_spec(p);
    if (!spec) return spec.error();
    commands_[p.name] = fmt::format("{} {}", spec->program.string(), fmt::join(spec->args, " "));
    auto launched = process::SupervisedProcess::launch(*spec, clock);
    if (!launched) return launched.error().with_context("process " + p.name);
    processes_.push_back(std::move(*launched));
  }
  return {};
}

process::SupervisedProcess* RunningSystem::process(const std::string& name) {
  for (auto& p : processes_) {
    if (p->spec().name == name) return p.get();
  }
  return nullptr;
}

const ProcessDecl* RunningSystem::process_decl(const std::string& name) const {
  for (const auto& p : decl_.processes) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

std::map<std::string, std::string> RunningSystem::describe() const {
  std::map<std::string, std::string> out{{"target", "service"}, {"logs", decl_.logs.string()}};
  for (const auto& [name, command] : commands_) out["process." + name] = command;
  for (const auto& p : proxies_->list()) out["proxy." + p.name] = p.listen + " -> " + p.upstream;
  for (const auto& [name, address] : values_.endpoints) out["endpoint." + name] = address;
  for (const auto& [name, port] : values_.ports) out["port." + name] = port;
  return out;
}

void RunningSystem::sample_memory() {
  std::lock_guard lock(process_mutex_);
  for (const auto& p : processes_) {
    if (!p->running()) continue;
    auto usage = process::process_group_memory(p->pid());
    if (!usage) continue;
    MemoryTrack& m = memory_[p->spec().name];
    // Growth is measured within one incarnation: a restart starts it again.
    if (m.generation != p->generation()) m.first = usage->rss_bytes;
    m.generation = p->generation();
    m.last = usage->rss_bytes;
    m.peak = std::max({m.peak, usage->peak_rss_bytes, usage->rss_bytes});
  }
}

std::map<std::string, double> RunningSystem::counters() const {
  std::map<std::string, double> out;
  {
    std::lock_guard lock(process_mutex_);
    for (const auto& p : processes_) {
      out[p->spec().name + ".running"] = p->running() ? 1 : 0;
      out[p->spec().name + ".starts"] = p->generation();
    }
    for (const auto& [name, m] : memory_) {
      out[name + ".memory_peak_bytes"] = static_cast<double>(m.peak);
      out[name + ".memory_growth_bytes"] = static_cast<double>(m.last) - static_cast<double>(m.first);
    }
  }
  for (const auto& p : proxies_->list()) {
    if (auto s = proxies_->stats(p.name); s.ok()) {
      out[p.name + ".connections"] = static_cast<double>(s->connections);
      out[p.name + ".toxic_connections"] = static_cast<double>(s->toxic_connections);
    }
  }
  return out;
}

}  // namespace gauntlet::chaos::service::detail
