#pragma once
/// What a user writes to run the tracing suite: a struct of static functions
/// in groups, and `static constexpr TracingCapabilities capabilities()` that
/// declares every group provided or unsupported (see group.h):
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
///
/// Contracts the properties rely on:
/// - Span is moved: the suite keeps spans in a std::vector that reallocates,
///   so a moved-to Span must be the same span (ids, end, scopes).
/// - end_span twice, or after shutdown, must not export again; dropped()
///   counts spans ended after shutdown when counts_dropped.
/// - exported() returns what the exporter received so far (after flush).
#include <concepts>
#include <cstdint>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "gauntlet/harness/clock.h"
#include "gauntlet/properties/group.h"

namespace gauntlet::properties::tracing {

/// Which operation groups the adapter provides; every one must be declared.
struct TracingGroups {
  Group tracer = Group::kUndeclared;
  Group traceparent = Group::kUndeclared;
  Group scopes = Group::kUndeclared;  ///< needs the tracer group
};

struct TracingCapabilities {
  TracingGroups groups;
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

/// Labelled printing (RapidCheck counterexamples find showValue by ADL).
inline void showValue(const TraceparentFields& f, std::ostream& os) {
  os << "{trace_id=" << f.trace_id << ", span_id=" << f.span_id << ", sampled=" << (f.sampled ? "true" : "false")
     << "}";
}
inline void showValue(const SpanIds& ids, std::ostream& os) {
  os << "{trace_id=" << ids.trace_id << ", span_id=" << ids.span_id << "}";
}

namespace detail {

// One concept per member, so a diagnosis can name the member that is wrong.
template <typename A> concept HasTracer = requires { typename A::Tracer; };
template <typename A> concept HasSpan = requires { typename A::Span; };
template <typename A>
concept SpanMovable = std::is_move_constructible_v<typename A::Span> && std::is_move_assignable_v<typename A::Span>;
template <typename A> concept MakeTracer = requires(ManualClock& clock) {
  { A::make_tracer(clock) } -> std::same_as<std::unique_ptr<typename A::Tracer>>;
};
template <typename A> concept StartSpan = requires(typename A::Tracer& t) {
  {
    A::start_span(t, std::string_view{}, static_cast<const typename A::Span*>(nullptr))
    } -> std::same_as<typename A::Span>;
};
template <typename A> concept EndSpan = requires(typename A::Tracer& t, typename A::Span& s) { A::end_span(t, s); };
template <typename A> concept SpanIdsOf = requires(const typename A::Span& s) {
  { A::span_ids(s) } -> std::same_as<SpanIds>;
};
template <typename A> concept Flush = requires(typename A::Tracer& t) { A::flush(t); };
template <typename A> concept Shutdown = requires(typename A::Tracer& t) { A::shutdown(t); };
template <typename A> concept Exported = requires(typename A::Tracer& t) {
  { A::exported(t) } -> std::same_as<std::vector<ExportedSpan>>;
};
template <typename A> concept Dropped = requires(typename A::Tracer& t) {
  { A::dropped(t) } -> std::convertible_to<std::int64_t>;
};
template <typename A> concept ParseTraceparent = requires(std::string_view text) {
  { A::parse_traceparent(text) } -> std::same_as<std::optional<TraceparentFields>>;
};
template <typename A> concept FormatTraceparent = requires(const TraceparentFields& fields) {
  { A::format_traceparent(fields) } -> std::convertible_to<std::string>;
};
template <typename A> concept HasScope = requires { typename A::Scope; };
template <typename A> concept Activate = requires(typename A::Tracer& t, typename A::Span& s) {
  { A::activate(t, s) } -> std::same_as<std::unique_ptr<typename A::Scope>>;
};
template <typename A> concept CurrentSpanId = requires(typename A::Tracer& t) {
  { A::current_span_id(t) } -> std::convertible_to<std::string>;
};
template <typename A> concept HasCapabilities = requires {
  { A::capabilities() } -> std::same_as<TracingCapabilities>;
};

/// The first thing wrong with an adapter, in declaration order.
enum class Diagnosis {
  kOk,
  kCapabilities,
  kCapabilitiesConstexpr,
  kTracerUndeclared,
  kTracerType,
  kSpanType,
  kSpanMovable,
  kMakeTracer,
  kStartSpan,
  kEndSpan,
  kSpanIds,
  kFlush,
  kShutdown,
  kExported,
  kDropped,
  kTraceparentUndeclared,
  kParseTraceparent,
  kFormatTraceparent,
  kScopesUndeclared,
  kScopesWithoutTracer,
  kScopeType,
  kActivate,
  kCurrentSpanId,
  kNoGroup,
};

template <typename A>
consteval Diagnosis diagnose() {
  if constexpr (!HasCapabilities<A>) {
    return Diagnosis::kCapabilities;
  } else if constexpr (!properties::detail::ConstexprCapabilities<A>) {
    return Diagnosis::kCapabilitiesConstexpr;
  } else {
    constexpr TracingGroups g = A::capabilities().groups;
    if (g.tracer == Group::kUndeclared) return Diagnosis::kTracerUndeclared;
    if constexpr (g.tracer == Group::kProvided) {
      if constexpr (!HasTracer<A>) return Diagnosis::kTracerType;
      else if constexpr (!HasSpan<A>) return Diagnosis::kSpanType;
      else if constexpr (!SpanMovable<A>) return Diagnosis::kSpanMovable;
      else if constexpr (!MakeTracer<A>) return Diagnosis::kMakeTracer;
      else if constexpr (!StartSpan<A>) return Diagnosis::kStartSpan;
      else if constexpr (!EndSpan<A>) return Diagnosis::kEndSpan;
      else if constexpr (!SpanIdsOf<A>) return Diagnosis::kSpanIds;
      else if constexpr (!Flush<A>) return Diagnosis::kFlush;
      else if constexpr (!Shutdown<A>) return Diagnosis::kShutdown;
      else if constexpr (!Exported<A>) return Diagnosis::kExported;
      else if constexpr (!Dropped<A>) return Diagnosis::kDropped;
    }
    if (g.traceparent == Group::kUndeclared) return Diagnosis::kTraceparentUndeclared;
    if constexpr (g.traceparent == Group::kProvided) {
      if constexpr (!ParseTraceparent<A>) return Diagnosis::kParseTraceparent;
      else if constexpr (!FormatTraceparent<A>) return Diagnosis::kFormatTraceparent;
    }
    if (g.scopes == Group::kUndeclared) return Diagnosis::kScopesUndeclared;
    if constexpr (g.scopes == Group::kProvided) {
      if constexpr (g.tracer != Group::kProvided) return Diagnosis::kScopesWithoutTracer;
      else if constexpr (!HasScope<A>) return Diagnosis::kScopeType;
      else if constexpr (!Activate<A>) return Diagnosis::kActivate;
      else if constexpr (!CurrentSpanId<A>) return Diagnosis::kCurrentSpanId;
    }
    if (g.tracer != Group::kProvided && g.traceparent != Group::kProvided) return Diagnosis::kNoGroup;
    return Diagnosis::kOk;
  }
}

}  // namespace detail

/// An adapter whose capabilities declare every group, each provided group
/// complete and well typed, the tracer or traceparent group provided.
template <typename A> concept TracingAdapter = detail::diagnose<A>()
== detail::Diagnosis::kOk;

/// True when the (valid) adapter declares `member` provided, e.g.
/// provides<A>(&TracingGroups::scopes).
template <typename A>
constexpr bool provides(Group TracingGroups::*member) {
  return A::capabilities().groups.*member == Group::kProvided;
}

}  // namespace gauntlet::properties::tracing

/// The diagnoses with their one-line messages (used by the instantiation macro).
#define GAUNTLET_DETAIL_TRACING_DIAGNOSES(X, name, value)                                                     \
  X(name, value, GAUNTLET_DETAIL_TD::kCapabilities,                                                           \
    "is not a TracingAdapter: needs static TracingCapabilities capabilities()")                               \
  X(name, value, GAUNTLET_DETAIL_TD::kCapabilitiesConstexpr,                                                  \
    "is not a TracingAdapter: capabilities() must be constexpr")                                              \
  X(name, value, GAUNTLET_DETAIL_TD::kTracerUndeclared,                                                       \
    "is not a TracingAdapter: declare groups.tracer kProvided or kUnsupported")                               \
  X(name, value, GAUNTLET_DETAIL_TD::kTracerType, "tracer group: missing type Tracer")                        \
  X(name, value, GAUNTLET_DETAIL_TD::kSpanType, "tracer group: missing type Span")                            \
  X(name, value, GAUNTLET_DETAIL_TD::kSpanMovable,                                                            \
    "tracer group: Span must be move-constructible and move-assignable (spans are moved in a std::vector)")   \
  X(name, value, GAUNTLET_DETAIL_TD::kMakeTracer,                                                             \
    "tracer group: make_tracer(ManualClock&) must return std::unique_ptr<Tracer>")                            \
  X(name, value, GAUNTLET_DETAIL_TD::kStartSpan,                                                              \
    "tracer group: start_span(Tracer&, std::string_view, const Span*) must return Span")                      \
  X(name, value, GAUNTLET_DETAIL_TD::kEndSpan, "tracer group: end_span(Tracer&, Span&) missing or mistyped")  \
  X(name, value, GAUNTLET_DETAIL_TD::kSpanIds, "tracer group: span_ids(const Span&) must return SpanIds")     \
  X(name, value, GAUNTLET_DETAIL_TD::kFlush, "tracer group: flush(Tracer&) missing or mistyped")              \
  X(name, value, GAUNTLET_DETAIL_TD::kShutdown, "tracer group: shutdown(Tracer&) missing or mistyped")        \
  X(name, value, GAUNTLET_DETAIL_TD::kExported,                                                               \
    "tracer group: exported(Tracer&) must return std::vector<ExportedSpan>")                                  \
  X(name, value, GAUNTLET_DETAIL_TD::kDropped, "tracer group: dropped(Tracer&) must return an integer count") \
  X(name, value, GAUNTLET_DETAIL_TD::kTraceparentUndeclared,                                                  \
    "is not a TracingAdapter: declare groups.traceparent kProvided or kUnsupported")                          \
  X(name, value, GAUNTLET_DETAIL_TD::kParseTraceparent,                                                       \
    "traceparent group: parse_traceparent(std::string_view) must return std::optional<TraceparentFields>")    \
  X(name, value, GAUNTLET_DETAIL_TD::kFormatTraceparent,                                                      \
    "traceparent group: format_traceparent(const TraceparentFields&) must return a std::string")              \
  X(name, value, GAUNTLET_DETAIL_TD::kScopesUndeclared,                                                       \
    "is not a TracingAdapter: declare groups.scopes kProvided or kUnsupported")                               \
  X(name, value, GAUNTLET_DETAIL_TD::kScopesWithoutTracer, "scopes group: needs the tracer group")            \
  X(name, value, GAUNTLET_DETAIL_TD::kScopeType, "scopes group: missing type Scope")                          \
  X(name, value, GAUNTLET_DETAIL_TD::kActivate,                                                               \
    "scopes group: activate(Tracer&, Span&) must return std::unique_ptr<Scope>")                              \
  X(name, value, GAUNTLET_DETAIL_TD::kCurrentSpanId,                                                          \
    "scopes group: current_span_id(Tracer&) must return a std::string")                                       \
  X(name, value, GAUNTLET_DETAIL_TD::kNoGroup,                                                                \
    "is not a TracingAdapter: provides neither the tracer nor the traceparent group")
#define GAUNTLET_DETAIL_TD ::gauntlet::properties::tracing::detail::Diagnosis
