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

  SpanContext context;
  SpanId parent_id;
  if (parent != nullptr) {
    context.trace_id = parent->trace_id;
    context.flags = parent->flags;
    context.trace_state = parent->trace_state;
    parent_id = parent->span_id;
  } else {
    context.trace_id = ids_.next_trace_id();
    context.flags = sampler_.should_sample(context.trace_id) ? kSampledFlag : 0;
  }
  context.span_id = ids_.next_span_id();

  if (!context.sampled()) return Span(nullptr, std::move(context), SpanData{});

  SpanData data;
  data.parent_span_id = parent_id;
  data.name = std::string(name);
  data.kind = options.kind;
  data.attributes = std::move(options.attributes);
  data.start_unix_ns = clock_->wall_ns();
  return Span(this, std::move(context), std::move(data));
}

void Tracer::on_end(SpanData&& data) noexcept { processor_->on_end(std::move(data)); }

}  // namespace gauntlet::tracing
