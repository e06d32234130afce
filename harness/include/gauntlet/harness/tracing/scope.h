#pragma once
/// The current span context of a thread. Context never crosses threads by
/// itself: capture it with `current_context()` and re-enter it on the other
/// thread with a Scope.
#include "gauntlet/harness/tracing/span.h"
#include "gauntlet/harness/tracing/span_context.h"

namespace gauntlet::tracing {

/// A copy of this thread's current context (invalid when none is current).
SpanContext current_context();

/// Makes a context current on this thread for the scope's lifetime and
/// restores the previous one when destroyed. Scopes nest and must be
/// destroyed in reverse order of creation (automatic with block scoping).
/// Neither copyable nor movable.
class [[nodiscard]] Scope {
 public:
  explicit Scope(const Span& span) : Scope(span.context()) {}
  explicit Scope(SpanContext context);
  ~Scope();
  Scope(const Scope&) = delete;
  Scope& operator=(const Scope&) = delete;

 private:
  SpanContext previous_;
};

namespace detail {
/// The current context without copying (for the tracer's hot path).
const SpanContext& current_context_ref() noexcept;
}  // namespace detail

}  // namespace gauntlet::tracing
