#pragma once
/// The propagated part of a span: what crosses threads and processes.
#include "gauntlet/harness/tracing/ids.h"

#include <cstdint>
#include <string>

namespace gauntlet::tracing {

/// W3C trace-flags bit 0.
inline constexpr std::uint8_t kSampledFlag = 0x01;

/// Identity of a span as seen by its children: trace id, span id, trace flags
/// and the opaque W3C `tracestate` carried along unchanged.
struct SpanContext {
  TraceId trace_id;
  SpanId span_id;
  std::uint8_t flags = 0;
  std::string trace_state;  ///< W3C tracestate, passed through verbatim
  bool remote = false;      ///< true when extracted from a carrier

  /// Both ids are non-zero.
  bool valid() const noexcept { return trace_id.valid() && span_id.valid(); }
  bool sampled() const noexcept { return (flags & kSampledFlag) != 0; }

  friend bool operator==(const SpanContext&, const SpanContext&) = default;
};

}  // namespace gauntlet::tracing
