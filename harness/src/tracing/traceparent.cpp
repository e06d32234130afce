#include "gauntlet/harness/tracing/trace_context.h"

#include "tracing/hex.h"

#include <cstring>

namespace gauntlet::tracing {
namespace {

constexpr std::string_view kOws = " \t";

std::string_view trim_ows(std::string_view s) noexcept {
  const auto first = s.find_first_not_of(kOws);
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(kOws);
  return s.substr(first, last - first + 1);
}

Error parse_error(std::string_view what) { return Error(ErrorCode::kParseError, "traceparent: " + std::string(what)); }

}  // namespace

void format_traceparent(const SpanContext& context, std::span<char, kTraceparentSize> out) noexcept {
  char* p = out.data();
  p[0] = '0';
  p[1] = '0';
  p[2] = '-';
  detail::write_hex(context.trace_id.high, p + 3);
  detail::write_hex(context.trace_id.low, p + 19);
  p[35] = '-';
  detail::write_hex(context.span_id.value, p + 36);
  p[52] = '-';
  p[53] = detail::kHexDigits[(context.flags >> 4) & 0xF];
  p[54] = detail::kHexDigits[context.flags & 0xF];
}

std::string format_traceparent(const SpanContext& context) {
  std::string out(kTraceparentSize, '0');
  format_traceparent(context, std::span<char, kTraceparentSize>(out.data(), kTraceparentSize));
  return out;
}

Result<SpanContext> parse_traceparent(std::string_view value) {
  const std::string_view v = trim_ows(value);
  if (v.size() < kTraceparentSize) return parse_error("shorter than 55 characters");
  std::uint64_t version = 0;
  if (!detail::read_hex(v.substr(0, 2), version) || v[2] != '-') {
    return parse_error("version must be 2 lowercase hex digits followed by '-'");
  }
  if (version == 0xff) return parse_error("version ff is invalid");
  SpanContext context;
  if (!detail::read_hex(v.substr(3, 16), context.trace_id.high) ||
      !detail::read_hex(v.substr(19, 16), context.trace_id.low) || v[35] != '-') {
    return parse_error("trace-id must be 32 lowercase hex digits followed by '-'");
  }
  if (!detail::read_hex(v.substr(36, 16), context.span_id.value) || v[52] != '-') {
    return parse_error("parent-id must be 16 lowercase hex digits followed by '-'");
  }
  std::uint64_t flags = 0;
  if (!detail::read_hex(v.substr(53, 2), flags)) return parse_error("trace-flags must be 2 lowercase hex digits");
  if (version == 0 && v.size() != kTraceparentSize) return parse_error("trailing data after a version 00 value");
  if (version != 0 && v.size() > kTraceparentSize && v[kTraceparentSize] != '-') {
    return parse_error("extra fields of a future version must start with '-'");
  }
  if (!context.trace_id.valid()) return parse_error("trace-id is all zeros");
  if (!context.span_id.valid()) return parse_error("parent-id is all zeros");
  context.flags = static_cast<std::uint8_t>(flags);
  context.remote = true;
  return context;
}

std::optional<SpanContext> extract_traceparent(std::string_view traceparent, std::string_view tracestate) {
  Result<SpanContext> parsed = parse_traceparent(traceparent);
  if (!parsed.ok()) return std::nullopt;
  SpanContext context = std::move(parsed).value();
  if (is_valid_tracestate(tracestate)) {
    // Canonical form: surrounding whitespace and empty members are not kept.
    std::string joined;
    std::size_t pos = 0;
    while (pos <= tracestate.size()) {
      std::size_t comma = tracestate.find(',', pos);
      if (comma == std::string_view::npos) comma = tracestate.size();
      const std::string_view member = trim_ows(tracestate.substr(pos, comma - pos));
      if (!member.empty()) {
        if (!joined.empty()) joined += ',';
        joined += member;
      }
      pos = comma + 1;
    }
    context.trace_state = std::move(joined);
  }
  return context;
}

bool detail::header_name_is(std::string_view name, std::string_view expected) noexcept {
  if (name.size() != expected.size()) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != expected[i]) return false;
  }
  return true;
}

}  // namespace gauntlet::tracing
