#include "gauntlet/harness/tracing/scope.h"

#include <utility>

namespace gauntlet::tracing {
namespace {
[[gnu::tls_model("initial-exec")]] thread_local SpanContext t_current;  // see ids.cpp
}  // namespace

SpanContext current_context() { return t_current; }

const SpanContext& detail::current_context_ref() noexcept { return t_current; }

Scope::Scope(SpanContext context) : previous_(std::exchange(t_current, std::move(context))) {}

Scope::~Scope() { t_current = std::move(previous_); }

}  // namespace gauntlet::tracing
