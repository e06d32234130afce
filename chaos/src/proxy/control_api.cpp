#include "gauntlet/chaos/proxy/control_api.h"
#include "gauntlet/harness/json_document.h"

#include "gauntlet/chaos/proxy/proxy_json.h"

#include <nlohmann/json.hpp>

#include <vector>

namespace gauntlet::chaos::proxy {
namespace {

using json = nlohmann::json;

int http_status(ErrorCode code) {
  switch (code) {
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kAlreadyExists:
      return 409;
    case ErrorCode::kInvalidArgument:
    case ErrorCode::kParseError:
    case ErrorCode::kSchemaError:
    case ErrorCode::kOutOfRange:
      return 400;
    default:
      return 500;
  }
}

// Replies echo names and paths from the request, which may hold any bytes:
// ill-formed UTF-8 is replaced, never thrown on.
std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

ControlReply error_reply(int status, const std::string& message) {
  return {status, dump(json{{"error", message}, {"status", status}})};
}
ControlReply error_reply(const Error& e) { return error_reply(http_status(e.code()), e.message()); }
ControlReply ok(const json& j, int status = 200) { return {status, dump(j)}; }

std::vector<std::string> split_path(std::string_view target) {
  target = target.substr(0, target.find('?'));
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= target.size()) {
    const std::size_t slash = target.find('/', start);
    const std::size_t end = slash == std::string_view::npos ? target.size() : slash;
    if (end > start) parts.emplace_back(target.substr(start, end - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return parts;
}

Result<json> parse_body(std::string_view body) {
  return parse_json_document(body, "bad request body", "a JSON object");
}

}  // namespace

ControlReply ControlApi::handle(std::string_view method, std::string_view target, std::string_view body) {
  const std::vector<std::string> path = split_path(target);
  const bool get = method == "GET";
  const bool post = method == "POST" || method == "PATCH";
  const bool del = method == "DELETE";
  auto body_json = [&]() { return parse_body(body.empty() ? "{}" : body); };

  if (path.size() == 1 && path[0] == "version" && get) return ok(json{{"version", version_}});
  if (path.size() == 1 && path[0] == "reset" && post) {
    Status s = server_.reset();
    return s.ok() ? ControlReply{204, ""} : error_reply(s.error());
  }
  if (path.size() == 1 && path[0] == "populate" && post) {
    auto j = body_json();
    if (!j.ok()) return error_reply(j.error());
    const json& list = j->is_object() && j->contains("proxies") ? (*j)["proxies"] : *j;
    if (!list.is_array()) return error_reply(400, "bad request body: expected a JSON array of proxies");
    std::vector<ProxySpec> specs;
    for (const json& item : list) {
      auto spec = proxy_spec_from_json(item);
      if (!spec.ok()) return error_reply(spec.error());
      specs.push_back(*spec);
    }
    auto done = server_.populate(specs);
    if (!done.ok()) return error_reply(done.error());
    json proxies = json::array();
    for (const ProxyInfo& p : *done) proxies.push_back(to_json(p));
    return ok(json{{"proxies", proxies}}, 201);
  }
  if (path.empty() || path[0] != "proxies" || path.size() > 4 || (path.size() >= 3 && path[2] != "toxics")) {
    return error_reply(404, "not found: " + std::string(target));
  }
  if (path.size() == 1) {
    if (get) {
      json all = json::object();
      for (const ProxyInfo& p : server_.list()) all[p.name] = to_json(p);
      return ok(all);
    }
    if (!post) return error_reply(405, "method not allowed");
    auto j = body_json();
    if (!j.ok()) return error_reply(j.error());
    auto spec = proxy_spec_from_json(*j);
    if (!spec.ok()) return error_reply(spec.error());
    auto created = server_.create(*spec);
    return created.ok() ? ok(to_json(*created), 201) : error_reply(created.error());
  }
  const std::string& name = path[1];
  if (path.size() == 2) {
    if (get) {
      auto p = server_.get(name);
      return p.ok() ? ok(to_json(*p)) : error_reply(p.error());
    }
    if (del) {
      Status s = server_.remove(name);
      return s.ok() ? ControlReply{204, ""} : error_reply(s.error());
    }
    if (!post) return error_reply(405, "method not allowed");
    auto j = body_json();
    if (!j.ok()) return error_reply(j.error());
    if (!j->is_object()) return error_reply(400, "bad request body: expected a JSON object");
    ProxyUpdate change;
    for (auto [key, field] : {std::pair{"listen", &change.listen}, std::pair{"upstream", &change.upstream}}) {
      if (!j->contains(key) || (*j)[key].is_null()) continue;
      if (!(*j)[key].is_string())
        return error_reply(400, std::string("bad request body: '") + key + "' must be a string");
      *field = (*j)[key].get<std::string>();
    }
    if (j->contains("enabled")) {
      if (!(*j)["enabled"].is_boolean()) return error_reply(400, "bad request body: 'enabled' must be a boolean");
      change.enabled = (*j)["enabled"].get<bool>();
    }
    auto updated = server_.update(name, change);
    return updated.ok() ? ok(to_json(*updated)) : error_reply(updated.error());
  }
  auto proxy = server_.get(name);
  if (!proxy.ok()) return error_reply(proxy.error());
  if (path.size() == 3) {
    if (get) {
      json toxics = json::array();
      for (const Toxic& t : proxy->toxics) toxics.push_back(to_json(t));
      return ok(toxics);
    }
    if (!post) return error_reply(405, "method not allowed");
    auto j = body_json();
    if (!j.ok()) return error_reply(j.error());
    auto toxic = toxic_from_json(*j);
    if (!toxic.ok()) return error_reply(toxic.error());
    auto added = server_.add_toxic(name, *toxic);
    return added.ok() ? ok(to_json(*added)) : error_reply(added.error());
  }
  const std::string& toxic_name = path[3];
  const Toxic* existing = nullptr;
  for (const Toxic& t : proxy->toxics) {
    if (t.name == toxic_name) existing = &t;
  }
  if (!existing) return error_reply(404, "toxic not found");
  if (get) return ok(to_json(*existing));
  if (del) {
    Status s = server_.remove_toxic(name, toxic_name);
    return s.ok() ? ControlReply{204, ""} : error_reply(s.error());
  }
  if (!post) return error_reply(405, "method not allowed");
  auto j = body_json();
  if (!j.ok()) return error_reply(j.error());
  auto toxic = toxic_from_json(*j, existing);
  if (!toxic.ok()) return error_reply(toxic.error());
  auto updated = server_.update_toxic(name, *toxic);
  return updated.ok() ? ok(to_json(*updated)) : error_reply(updated.error());
}

}  // namespace gauntlet::chaos::proxy
