#include "gauntlet/harness/tracing/tracer.h"

#include "gauntlet/harness/tracing/scope.h"

#include <utility>

namespace gauntlet::tracing {

Tracer::Tracer(TracerOptions options, std::shared_ptr<SpanProcessor> processor)
    : clock_(options.clock != nullptr ? options.clock : &RealClock::instance()),
      sampler_(options.sampler),
      ids_(options.seed),
      processor_(std::move(processor)) {}

Span Tracer::start_span(std::string_view name, StartOptions options) {
  const SpanContext* parent = nullptr;
  if (options.parent && options.parent->valid()) {
    parent = &*options.parent;
  } else if (!options.root) {
    const SpanContext& current = detail::current_context_ref();
    if (current.valid()) parent = &current;
  }

  // Filled in place: a Span is large, and the unsampled path must stay cheap.
  Span span;
  SpanContext& context = span.context_;
  if (parent != nullptr) {
    context.trace_id = parent->trace_id;
    context.flags = parent->flags;
    if (!parent->trace_state.empty()) context.trace_state = parent->trace_state;
    context.span_id = ids_.next_span_id();
    span.parent_span_id_ = parent->span_id;
  } else {
    ids_.next_root_ids(context.trace_id, context.span_id);
    context.flags = sampler_.should_sample(context.trace_id) ? kSampledFlag : 0;
  }
  if (!context.sampled()) return span;

  SpanData& data = span.data_.emplace();
  data.name.assign(name.data(), name.size());
  data.kind = options.kind;
  if (!options.attributes.empty()) data.attributes = std::move(options.attributes);
  data.start_unix_ns = clock_->wall_ns();
  span.tracer_ = this;
  return span;
}

void Tracer::on_end(SpanData&& data) noexcept { processor_->on_end(std::move(data)); }

}  // namespace gauntlet::tracing
