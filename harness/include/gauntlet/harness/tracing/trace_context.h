#pragma once
/// W3C Trace Context (https://www.w3.org/TR/trace-context/): `traceparent`
/// and `tracestate` on a plain string and on header maps.
#include "gauntlet/harness/error.h"
#include "gauntlet/harness/tracing/span_context.h"

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

namespace gauntlet::tracing {

/// Length of a version-00 traceparent: "00-<32 hex>-<16 hex>-<2 hex>".
inline constexpr std::size_t kTraceparentSize = 55;
inline constexpr std::string_view kTraceparentHeader = "traceparent";
inline constexpr std::string_view kTracestateHeader = "tracestate";

/// Writes the version-00 traceparent of `context` into `out` (no allocation).
void format_traceparent(const SpanContext& context, std::span<char, kTraceparentSize> out) noexcept;
/// The version-00 traceparent of `context`.
std::string format_traceparent(const SpanContext& context);

/// Parses a traceparent header value (leading/trailing spaces and tabs are
/// ignored). kParseError naming the offending part when the value breaks the
/// spec: version ff, non-hex or uppercase characters, wrong field lengths,
/// all-zero ids, trailing data after a version-00 value, or a future version
/// whose extra data does not start with '-'. The result has `remote` set and
/// an empty trace_state.
Result<SpanContext> parse_traceparent(std::string_view value);

/// True when `value` is a valid tracestate list (at most 32 members, keys and
/// values per the spec grammar, no duplicate keys). Empty members are allowed.
bool is_valid_tracestate(std::string_view value) noexcept;

/// A remote parent from a traceparent (and optional tracestate) string, or
/// nullopt ("no parent") when the traceparent is invalid. An invalid
/// tracestate is discarded; the traceparent still counts.
std::optional<SpanContext> extract_traceparent(std::string_view traceparent, std::string_view tracestate = {});

namespace detail {
bool header_name_is(std::string_view name, std::string_view expected) noexcept;
}  // namespace detail

/// Extracts a remote parent from a header collection: any range of
/// (name, value) pairs of string-like types (std::map, std::multimap,
/// std::unordered_map, std::vector<std::pair<...>>). Names are compared
/// case-insensitively. More than one traceparent header means "no parent";
/// several tracestate headers are joined with ',' in order.
template <typename Headers>
std::optional<SpanContext> extract(const Headers& headers) {
  std::optional<std::string_view> traceparent;
  int traceparent_count = 0;
  std::string tracestate;
  bool first_state = true;
  for (const auto& [name, value] : headers) {
    const std::string_view name_view(name);
    if (detail::header_name_is(name_view, kTraceparentHeader)) {
      ++traceparent_count;
      traceparent = std::string_view(value);
    } else if (detail::header_name_is(name_view, kTracestateHeader)) {
      if (!first_state) tracestate += ',';
      tracestate += std::string_view(value);
      first_state = false;
    }
  }
  if (traceparent_count != 1) return std::nullopt;
  return extract_traceparent(*traceparent, tracestate);
}

/// Writes `traceparent` (and `tracestate` when non-empty) into a map-like
/// container (std::map, std::multimap, std::unordered_map) or a vector of
/// pairs, first removing any existing entries with those names in any case.
/// Does nothing for an invalid context.
template <typename Headers>
void inject(const SpanContext& context, Headers& headers) {
  if (!context.valid()) return;
  auto stale = [](const auto& entry) {
    const std::string_view name(entry.first);
    return detail::header_name_is(name, kTraceparentHeader) || detail::header_name_is(name, kTracestateHeader);
  };
  constexpr bool kIsSequence = requires { headers.emplace_back(std::string(), std::string()); };
  if constexpr (kIsSequence) {
    headers.erase(std::remove_if(headers.begin(), headers.end(), stale), headers.end());
  } else {
    for (auto it = headers.begin(); it != headers.end();) it = stale(*it) ? headers.erase(it) : std::next(it);
  }
  auto put = [&headers](std::string_view name, std::string value) {
    if constexpr (kIsSequence) {
      headers.emplace_back(std::string(name), std::move(value));
    } else {
      headers.emplace(std::string(name), std::move(value));
    }
  };
  put(kTraceparentHeader, format_traceparent(context));
  if (!context.trace_state.empty()) put(kTracestateHeader, context.trace_state);
}

}  // namespace gauntlet::tracing
