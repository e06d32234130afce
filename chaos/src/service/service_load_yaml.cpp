// The `load` section of a service scenario, and the placeholder check.
#include <fmt/format.h>

#include <charconv>
#include <functional>

#include "service/placeholders.h"
#include "service/service_yaml_reader.h"

namespace gauntlet::chaos::service::detail {
namespace {

constexpr std::size_t kMaxBody = netload::kMaxRequestBodyBytes;

std::string with_prefix(const std::string& at, const std::string& key) { return at + "." + key; }

}  // namespace

LoadDecl ServiceYamlReader::load(const YAML::Node& node, LoadSpec& spec, Nanos scenario_duration) const {
  spec = f_.load(node,
                 {"protocol", "target", "requests", "ok_status", "keep_alive", "timeout", "send", "expect", "threads"});
  if (node["think_time"]) f_.fail(node["think_time"], "load.think_time", "is not supported for network load");
  LoadDecl d;
  const std::string protocol = node["protocol"] ? f_.str(node["protocol"], "load.protocol") : "http";
  if (protocol != "http" && protocol != "tcp") f_.fail(node["protocol"], "load.protocol", "must be http or tcp");
  d.protocol = protocol == "http" ? netload::Protocol::kHttp : netload::Protocol::kRawTcp;
  d.target = f_.str(f_.require(node, "target", "load"), "load.target");
  if (d.protocol == netload::Protocol::kHttp) {
    if (!d.target.starts_with("http://")) {
      f_.fail(node["target"], "load.target", "must be an http:// URL (https is not supported)");
    }
    if (node["send"] || node["expect"]) f_.fail(node, "load", "send and expect belong to protocol: tcp");
    if (const YAML::Node reqs = node["requests"]) {
      if (!reqs.IsSequence() || reqs.size() == 0) f_.fail(reqs, "load.requests", "expected a non-empty list");
      f_.at_most(reqs, "load.requests", netload::kMaxRequestTemplates);
      for (std::size_t i = 0; i < reqs.size(); ++i) {
        const std::string at = fmt::format("load.requests[{}]", i);
        const YAML::Node r = reqs[i];
        f_.expect_map(r, at);
        f_.known(r, at, {"method", "path", "headers", "body", "weight"});
        netload::HttpRequestTemplate t;
        if (r["method"]) t.method = f_.str(r["method"], with_prefix(at, "method"));
        if (r["path"]) t.path = f_.str(r["path"], with_prefix(at, "path"));
        if (!t.path.starts_with("/")) f_.fail(r["path"], with_prefix(at, "path"), "must start with '/'");
        if (const YAML::Node h = r["headers"]) {
          f_.expect_map(h, with_prefix(at, "headers"));
          for (const auto& kv : h)
            t.headers.emplace_back(kv.first.as<std::string>(), f_.str(kv.second, with_prefix(at, "headers")));
        }
        if (r["body"]) t.body = f_.str(r["body"], with_prefix(at, "body"));
        if (t.body.size() > kMaxBody) f_.fail(r["body"], with_prefix(at, "body"), "must be at most 1 MiB");
        if (r["weight"]) {
          t.weight = f_.number(r["weight"], with_prefix(at, "weight"));
          if (!(t.weight > 0) || t.weight > 1e9)
            f_.fail(r["weight"], with_prefix(at, "weight"), "must be > 0 and <= 1e9");
        }
        d.requests.push_back(std::move(t));
      }
    }
    if (node["ok_status"]) d.ok_statuses = statuses(node["ok_status"]);
    if (node["keep_alive"]) d.keep_alive = f_.boolean(node["keep_alive"], "load.keep_alive");
  } else {
    if (node["requests"] || node["ok_status"] || node["keep_alive"]) {
      f_.fail(node, "load", "requests, ok_status and keep_alive belong to protocol: http");
    }
    if (d.target.find("://") != std::string::npos)
      f_.fail(node["target"], "load.target", "protocol tcp takes host:port, not a URL");
    d.send = f_.str(f_.require(node, "send", "load"), "load.send");
    d.expect = f_.str(f_.require(node, "expect", "load"), "load.expect");
    if (d.send.empty() || d.expect.empty()) f_.fail(node, "load", "send and expect must not be empty");
    if (d.send.size() > kMaxBody || d.expect.size() > kMaxBody)
      f_.fail(node, "load", "send and expect must be at most 1 MiB");
  }
  if (node["timeout"]) {
    d.timeout = f_.duration(node["timeout"], "load.timeout");
    if (d.timeout <= 0) f_.fail(node["timeout"], "load.timeout", "must be > 0");
    // A run lasts at most its duration plus the timeout of the requests still in flight.
    if (d.timeout > scenario_duration)
      f_.fail(node["timeout"], "load.timeout", "must not exceed the scenario's duration");
  }
  if (node["threads"]) d.threads = static_cast<int>(f_.integer(node["threads"], "load.threads", 1, 64));
  const int connections = spec.mode == LoopMode::kOpen ? spec.connections : spec.workers;
  if (d.threads > connections) f_.fail(node["threads"], "load.threads", "must not exceed the connections");
  return d;
}

// ["200-299", 404] -> {{200, 299}, {404, 404}}
std::vector<std::pair<int, int>> ServiceYamlReader::statuses(const YAML::Node& node) const {
  std::vector<std::pair<int, int>> out;
  const std::vector<std::string> items = f_.strings(node, "load.ok_status");
  if (items.empty()) f_.fail(node, "load.ok_status", "must not be empty");
  for (const std::string& item : items) {
    const std::size_t dash = item.find('-');
    auto parse = [&](std::string_view text) {
      int v = 0;
      auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
      if (ec != std::errc() || end != text.data() + text.size() || v < 100 || v > 599) {
        f_.fail(node, "load.ok_status", fmt::format("'{}' is not a status (100-599) or a range such as 200-299", item));
      }
      return v;
    };
    const int lo = parse(std::string_view(item).substr(0, dash));
    const int hi = dash == std::string::npos ? lo : parse(std::string_view(item).substr(dash + 1));
    if (lo > hi) f_.fail(node, "load.ok_status", fmt::format("range '{}' ends before it starts", item));
    out.emplace_back(lo, hi);
  }
  return out;
}

void ServiceYamlReader::check_references(const YAML::Node& root, ServiceDecl& decl) const {
  std::set<std::string> proxies, endpoints;
  for (const auto& p : decl.proxies) proxies.insert(p.name);
  for (const auto& e : decl.endpoints) endpoints.insert(e.name);
  // Every scalar of these sections may carry placeholders.
  std::function<void(const YAML::Node&, const std::string&)> visit = [&](const YAML::Node& n,
                                                                         const std::string& field) {
    if (n.IsScalar()) {
      PlaceholderRefs refs;
      if (Status s = scan_placeholders(n.Scalar(), refs); !s.ok()) f_.fail(n, field, s.error().message());
      decl.ports.insert(refs.ports.begin(), refs.ports.end());
      for (const auto& name : refs.proxies) {
        if (!proxies.contains(name)) f_.fail(n, field, fmt::format("{{proxy:{}}} names no declared proxy", name));
      }
      for (const auto& name : refs.endpoints) {
        if (!endpoints.contains(name))
          f_.fail(n, field, fmt::format("{{endpoint:{}}} names no declared endpoint", name));
      }
    } else if (n.IsSequence()) {
      for (std::size_t i = 0; i < n.size(); ++i) visit(n[i], fmt::format("{}[{}]", field, i));
    } else if (n.IsMap()) {
      for (const auto& kv : n) visit(kv.second, field + "." + kv.first.as<std::string>());
    }
  };
  for (const char* section : {"processes", "endpoints", "proxies", "load", "steady_state"}) {
    if (root[section]) visit(root[section], section);
  }
}

}  // namespace gauntlet::chaos::service::detail
