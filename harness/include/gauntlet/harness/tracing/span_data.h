#pragma once
/// The record of an ended span, handed to processors and exporters. A plain
/// value: exporters format it, nothing in it runs.
#include "gauntlet/harness/clock.h"
#include "gauntlet/harness/tracing/span_context.h"

#include <concepts>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace gauntlet::tracing {

/// OpenTelemetry span kinds; the values are OTLP's enum numbers.
enum class SpanKind : int { kInternal = 1, kServer = 2, kClient = 3, kProducer = 4, kConsumer = 5 };

/// OpenTelemetry status codes; the values are OTLP's enum numbers.
enum class StatusCode : int { kUnset = 0, kOk = 1, kError = 2 };

/// Attribute values OTLP can carry as scalars.
using AttributeValue = std::variant<bool, std::int64_t, double, std::string>;

/// Converts a C++ value to the attribute type it means: bool stays bool, any
/// other integer becomes int64, floating point becomes double, anything
/// convertible to std::string_view becomes a string.
template <typename T>
AttributeValue to_attribute_value(T&& value) {
  using V = std::remove_cvref_t<T>;
  if constexpr (std::is_same_v<V, AttributeValue>) {
    return std::forward<T>(value);
  } else if constexpr (std::is_same_v<V, bool>) {
    return AttributeValue(std::in_place_type<bool>, value);
  } else if constexpr (std::is_integral_v<V>) {
    return AttributeValue(std::in_place_type<std::int64_t>, static_cast<std::int64_t>(value));
  } else if constexpr (std::is_floating_point_v<V>) {
    return AttributeValue(std::in_place_type<double>, static_cast<double>(value));
  } else {
    static_assert(std::is_convertible_v<const V&, std::string_view>, "unsupported attribute type");
    return AttributeValue(std::in_place_type<std::string>, std::string(std::string_view(value)));
  }
}

struct Attribute {
  std::string key;
  AttributeValue value;
  friend bool operator==(const Attribute&, const Attribute&) = default;
};

/// A timestamped annotation on a span.
struct Event {
  std::string name;
  Nanos time_unix_ns = 0;
  std::vector<Attribute> attributes;
  friend bool operator==(const Event&, const Event&) = default;
};

/// Everything recorded about one ended span. Times are the tracer clock's
/// `wall_ns()` (Unix nanoseconds for RealClock, the clock's own value for a
/// ManualClock).
struct SpanData {
  // User-provided so that value-initialisation (std::optional::emplace) does
  // not zero the whole record before the member initialisers run.
  SpanData() noexcept {}  // NOLINT(modernize-use-equals-default)

  SpanContext context;
  SpanId parent_span_id;  ///< zero for a root span
  std::string name;
  SpanKind kind = SpanKind::kInternal;
  Nanos start_unix_ns = 0;
  Nanos end_unix_ns = 0;
  std::vector<Attribute> attributes;
  std::vector<Event> events;
  StatusCode status = StatusCode::kUnset;
  std::string status_message;  ///< only set with StatusCode::kError

  friend bool operator==(const SpanData&, const SpanData&) = default;
};

/// Stable lower-case names: "internal", "server", ...; "unset", "ok", "error".
const char* to_string(SpanKind kind) noexcept;
const char* to_string(StatusCode code) noexcept;

}  // namespace gauntlet::tracing
