#pragma once
/// A span being recorded. Obtained from `Tracer::start_span`.
#include "gauntlet/harness/tracing/span_context.h"
#include "gauntlet/harness/tracing/span_data.h"

#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace gauntlet::tracing {

class Tracer;

/// One operation in a trace. Move-only; ends itself when destroyed if `end()`
/// was not called. A span that is not sampled is non-recording: it has a valid
/// context (so it can be propagated) but setters and `end()` do nothing and it
/// allocates nothing. Not thread-safe: one thread records a span at a time.
/// The Tracer must outlive its spans.
class Span {
 public:
  /// An invalid, non-recording span.
  Span() noexcept = default;
  Span(Span&& other) noexcept;
  Span& operator=(Span&& other) noexcept;  ///< ends this span first
  Span(const Span&) = delete;
  Span& operator=(const Span&) = delete;
  ~Span() { end(); }

  const SpanContext& context() const noexcept { return context_; }
  /// True while the span is sampled and not yet ended.
  bool is_recording() const noexcept { return tracer_ != nullptr; }
  const SpanId& parent_span_id() const noexcept { return parent_span_id_; }

  /// Sets (or replaces) an attribute; `value` converts as `to_attribute_value`
  /// says (bool, any integer, floating point, string-like, AttributeValue).
  template <typename T>
  void set_attribute(std::string_view key, T&& value) {
    if (tracer_ != nullptr) set_attribute_value(key, to_attribute_value(std::forward<T>(value)));
  }
  /// Adds an event stamped with the tracer's clock.
  void add_event(std::string_view name, std::vector<Attribute> attributes = {});
  /// OpenTelemetry rules: kUnset is ignored, kOk is final, kError may be
  /// replaced by kOk; the message is kept only with kError.
  void set_status(StatusCode code, std::string_view message = {});
  void update_name(std::string_view name);

  /// Stamps the end time and hands the span to the tracer's processor. A
  /// second call does nothing.
  void end() noexcept {
    if (tracer_ != nullptr) end_recording();
  }

 private:
  friend class Tracer;
  void end_recording() noexcept;
  void set_attribute_value(std::string_view key, AttributeValue value);

  Tracer* tracer_ = nullptr;  // null when non-recording or ended
  SpanContext context_;
  SpanId parent_span_id_;
  std::optional<SpanData> data_;  // engaged only while recording; context and parent filled in at end()
};

}  // namespace gauntlet::tracing
