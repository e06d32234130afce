#include "gauntlet/harness/tracing/otlp_json_exporter.h"

#include <nlohmann/json.hpp>

#include <string>
#include <type_traits>

namespace gauntlet::tracing {
namespace {

using nlohmann::json;

json any_value(const AttributeValue& value) {
  return std::visit(
      [](const auto& v) -> json {
        using V = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<V, bool>) {
          return {{"boolValue", v}};
        } else if constexpr (std::is_same_v<V, std::int64_t>) {
          return {{"intValue", std::to_string(v)}};  // proto3 JSON: int64 as a string
        } else if constexpr (std::is_same_v<V, double>) {
          return {{"doubleValue", v}};
        } else {
          return {{"stringValue", v}};
        }
      },
      value);
}

json attributes(const std::vector<Attribute>& attrs) {
  json out = json::array();
  for (const Attribute& a : attrs) out.push_back({{"key", a.key}, {"value", any_value(a.value)}});
  return out;
}

json span_json(const SpanData& span) {
  json out = {
      {"traceId", span.context.trace_id.to_hex()},
      {"spanId", span.context.span_id.to_hex()},
      {"name", span.name},
      {"kind", static_cast<int>(span.kind)},
      {"startTimeUnixNano", std::to_string(span.start_unix_ns)},
      {"endTimeUnixNano", std::to_string(span.end_unix_ns)},
      {"attributes", attributes(span.attributes)},
  };
  if (!span.context.trace_state.empty()) out["traceState"] = span.context.trace_state;
  if (span.parent_span_id.valid()) out["parentSpanId"] = span.parent_span_id.to_hex();
  json events = json::array();
  for (const Event& e : span.events) {
    events.push_back(
        {{"timeUnixNano", std::to_string(e.time_unix_ns)}, {"name", e.name}, {"attributes", attributes(e.attributes)}});
  }
  out["events"] = std::move(events);
  json status = {{"code", static_cast<int>(span.status)}};
  if (!span.status_message.empty()) status["message"] = span.status_message;
  out["status"] = std::move(status);
  return out;
}

}  // namespace

std::string to_otlp_json(std::span<const SpanData> spans, const OtlpResource& resource) {
  json resource_attrs = json::array();
  resource_attrs.push_back({{"key", "service.name"}, {"value", {{"stringValue", resource.service_name}}}});
  for (const Attribute& a : resource.attributes) {
    resource_attrs.push_back({{"key", a.key}, {"value", any_value(a.value)}});
  }
  json span_list = json::array();
  for (const SpanData& span : spans) span_list.push_back(span_json(span));
  json scope_spans = json::array();
  scope_spans.push_back({{"scope", {{"name", resource.scope_name}, {"version", resource.scope_version}}},
                         {"spans", std::move(span_list)}});
  json resource_spans = json::array();
  resource_spans.push_back(
      {{"resource", {{"attributes", std::move(resource_attrs)}}}, {"scopeSpans", std::move(scope_spans)}});
  json doc = {{"resourceSpans", std::move(resource_spans)}};
  // Strings from instrumentation may hold invalid UTF-8: replace, never throw.
  return doc.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace gauntlet::tracing
