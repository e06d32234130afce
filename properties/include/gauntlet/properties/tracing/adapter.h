#pragma once
/// What a user writes to run the tracing suite: a struct of static functions
/// in groups; properties of a group the adapter lacks are skipped.
///
///   tracer:      using Tracer; using Span;
///                make_tracer(ManualClock&) -> std::unique_ptr<Tracer>   (every span sampled)
///                start_span(Tracer&, std::string_view name, const Span* parent) -> Span   (nullptr: new root)
///                end_span(Tracer&, Span&); span_ids(const Span&) -> SpanIds
///                flush(Tracer&); shutdown(Tracer&); exported(Tracer&) -> std::vector<ExportedSpan>
///                dropped(Tracer&) -> std::int64_t
///   traceparent: parse_traceparent(std::string_view) -> std::optional<TraceparentFields>
///                format_traceparent(const TraceparentFields&) -> std::string
///   scopes:      using Scope; activate(Tracer&, Span&) -> std::unique_ptr<Scope> (restores on destruction)
///                current_span_id(Tracer&) -> std::string ("" when none is current on this thread)
/// plus `static TracingCapabilities capabilities();`.
#include <concepts>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gauntlet/harness/clock.h"

namespace gauntlet::properties::tracing {

struct TracingCapabilities {
  bool counts_dropped = true;  ///< dropped() counts spans ended after shutdown
  bool thread_safe = true;     ///< spans may be started and ended on many threads at once
};

/// Lower-case hex ids.
struct SpanIds {
  std::string trace_id;
  std::string span_id;
  friend bool operator==(const SpanIds&, const SpanIds&) = default;
};

/// A span as the exporter received it; `parent_span_id` is "" for a root.
struct ExportedSpan {
  std::string trace_id;
  std::string span_id;
  std::string parent_span_id;
  std::string name;
  Nanos start = 0;
  Nanos end = 0;
};

/// The fields of a version-00 traceparent.
struct TraceparentFields {
  std::string trace_id;  ///< 32 lower-case hex digits, not all zero
  std::string span_id;   ///< 16 lower-case hex digits, not all zero
  bool sampled = false;
  friend bool operator==(const TraceparentFields&, const TraceparentFields&) = default;
};

template <typename A>
concept TracerGroup = requires(ManualClock& clock, typename A::Tracer& t, typename A::Span& s, const typename A::Span& cs) {
  { A::make_tracer(clock) } -> std::same_as<std::unique_ptr<typename A::Tracer>>;
  { A::start_span(t, std::string_view{}, static_cast<const typename A::Span*>(nullptr)) } -> std::same_as<typename A::Span>;
  A::end_span(t, s);
  { A::span_ids(cs) } -> std::same_as<SpanIds>;
  A::flush(t);
  A::shutdown(t);
  { A::exported(t) } -> std::same_as<std::vector<ExportedSpan>>;
  { A::dropped(t) } -> std::convertible_to<std::int64_t>;
};

template <typename A>
concept TraceparentGroup = requires(std::string_view text, const TraceparentFields& fields) {
  { A::parse_traceparent(text) } -> std::same_as<std::optional<TraceparentFields>>;
  { A::format_traceparent(fields) } -> std::convertible_to<std::string>;
};

template <typename A>
concept ScopeGroup = TracerGroup<A> && requires(typename A::Tracer& t, typename A::Span& s) {
  { A::activate(t, s) } -> std::same_as<std::unique_ptr<typename A::Scope>>;
  { A::current_span_id(t) } -> std::convertible_to<std::string>;
};

template <typename A>
concept TracingAdapter = requires {
  { A::capabilities() } -> std::same_as<TracingCapabilities>;
} && (TracerGroup<A> || TraceparentGroup<A>);

}  // namespace gauntlet::properties::tracing
