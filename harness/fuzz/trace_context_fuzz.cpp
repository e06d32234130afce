// Fuzz target: W3C traceparent and tracestate. Input: a traceparent, then
// after the first newline a tracestate. Checks, beyond not crashing: a parsed
// traceparent formats back to a string that parses to the same context, and
// extraction accepts exactly what parse_traceparent accepts.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <string>
#include <string_view>

#include "gauntlet/harness/tracing/trace_context.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace t = gauntlet::tracing;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t newline = input.find('\n');
  const std::string_view traceparent = input.substr(0, newline);
  const std::string_view tracestate =
      newline == std::string_view::npos ? std::string_view{} : input.substr(newline + 1);

  const auto parsed = t::parse_traceparent(traceparent);
  (void)t::is_valid_tracestate(tracestate);
  const auto extracted = t::extract_traceparent(traceparent, tracestate);
  if (parsed.ok() != extracted.has_value()) std::abort();
  if (parsed.ok()) {
    const std::string again = t::format_traceparent(*parsed);
    const auto reparsed = t::parse_traceparent(again);
    if (!reparsed.ok() || reparsed->trace_id != parsed->trace_id || reparsed->span_id != parsed->span_id ||
        reparsed->flags != parsed->flags) {
      std::abort();
    }
  }
  std::multimap<std::string, std::string> headers{{"TraceParent", std::string(traceparent)},
                                                  {"tracestate", std::string(tracestate)}};
  (void)t::extract(headers);
  return 0;
}
