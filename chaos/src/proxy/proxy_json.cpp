#include "gauntlet/chaos/proxy/proxy_json.h"

#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <utility>

namespace gauntlet::chaos::proxy {
namespace {

using json = nlohmann::json;

// The attributes each type reads and writes, with their member.
using Field = std::pair<const char*, std::int64_t Toxic::*>;
std::vector<Field> attributes_of(ToxicType type) {
  switch (type) {
    case ToxicType::kLatency:
      return {{"latency", &Toxic::latency}, {"jitter", &Toxic::jitter}};
    case ToxicType::kBandwidth:
      return {{"rate", &Toxic::rate}};
    case ToxicType::kSlowClose:
      return {{"delay", &Toxic::delay}};
    case ToxicType::kTimeout:
      return {{"timeout", &Toxic::timeout}};
    case ToxicType::kResetPeer:
      return {{"timeout", &Toxic::timeout}};
    case ToxicType::kSlicer:
      return {
          {"average_size", &Toxic::average_size}, {"size_variation", &Toxic::size_variation}, {"delay", &Toxic::delay}};
    case ToxicType::kLimitData:
      return {{"bytes", &Toxic::bytes}};
  }
  return {};
}

Error schema(std::string_view field, std::string_view want) {
  return Error(ErrorCode::kSchemaError, "field '" + std::string(field) + "' must be " + std::string(want));
}

}  // namespace

json to_json(const Toxic& t) {
  json attributes = json::object();
  for (const auto& [key, member] : attributes_of(t.type)) attributes[key] = t.*member;
  return {{"name", t.name},
          {"type", std::string(to_string(t.type))},
          {"stream", std::string(to_string(t.stream))},
          {"toxicity", t.toxicity},
          {"attributes", attributes}};
}

json to_json(const ProxyInfo& p) {
  json toxics = json::array();
  for (const Toxic& t : p.toxics) toxics.push_back(to_json(t));
  return {{"name", p.name}, {"listen", p.listen}, {"upstream", p.upstream}, {"enabled", p.enabled}, {"toxics", toxics}};
}

Result<Toxic> toxic_from_json(const json& j, const Toxic* base) {
  if (!j.is_object()) return Error(ErrorCode::kSchemaError, "toxic must be a JSON object");
  Toxic t = base ? *base : Toxic{};
  if (!base) {
    if (!j.contains("type") || !j["type"].is_string()) return schema("type", "a string naming the toxic type");
    auto type = toxic_type_from(j["type"].get<std::string>());
    if (!type.ok()) return type.error();
    t.type = *type;
    if (j.contains("stream")) {
      if (!j["stream"].is_string()) return schema("stream", "a string");
      auto stream = stream_from(j["stream"].get<std::string>());
      if (!stream.ok()) return stream.error();
      t.stream = *stream;
    }
    if (j.contains("name") && !j["name"].is_null()) {
      if (!j["name"].is_string()) return schema("name", "a string");
      t.name = j["name"].get<std::string>();
    }
    if (t.name.empty()) t.name = std::string(to_string(t.type)) + "_" + std::string(to_string(t.stream));
  }
  if (j.contains("toxicity")) {
    if (!j["toxicity"].is_number()) return schema("toxicity", "a number from 0 to 1");
    t.toxicity = j["toxicity"].get<double>();
  }
  if (j.contains("attributes") && !j["attributes"].is_null()) {
    const json& a = j["attributes"];
    if (!a.is_object()) return schema("attributes", "an object");
    for (const auto& [key, member] : attributes_of(t.type)) {
      if (!a.contains(key)) continue;
      const json& v = a[key];
      const std::string field = std::string("attributes.") + key;
      // Whole numbers only (Toxiproxy's are int64), checked before any
      // conversion: 9.2e15 or 1e300 as a double must not wrap into a small int.
      if (v.is_number_integer()) {
        if (v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX))
          return schema(field, "a whole number within 64 bits");
        t.*member = v.get<std::int64_t>();
      } else if (v.is_number_float()) {
        const double d = v.get<double>();
        if (d != std::floor(d)) return schema(field, "a whole number");
        if (!(d >= -1e18 && d <= 1e18)) return schema(field, "a whole number within +/-1e18");
        t.*member = static_cast<std::int64_t>(d);
      } else {
        return schema(field, "a number");
      }
    }
  }
  if (Status s = validate(t); !s.ok()) return s.error();
  return t;
}

Result<ProxySpec> proxy_spec_from_json(const json& j) {
  if (!j.is_object()) return Error(ErrorCode::kSchemaError, "proxy must be a JSON object");
  ProxySpec spec;
  spec.listen.clear();
  for (auto [key, out] :
       {std::pair{"name", &spec.name}, std::pair{"listen", &spec.listen}, std::pair{"upstream", &spec.upstream}}) {
    if (!j.contains(key) || j[key].is_null()) continue;
    if (!j[key].is_string()) return schema(key, "a string");
    *out = j[key].get<std::string>();
  }
  if (spec.name.empty()) return Error(ErrorCode::kSchemaError, "missing required field: name");
  if (spec.upstream.empty()) return Error(ErrorCode::kSchemaError, "missing required field: upstream");
  if (spec.listen.empty()) spec.listen = "127.0.0.1:0";
  if (j.contains("enabled")) {
    if (!j["enabled"].is_boolean()) return schema("enabled", "a boolean");
    spec.enabled = j["enabled"].get<bool>();
  }
  return spec;
}

}  // namespace gauntlet::chaos::proxy
