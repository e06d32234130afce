#pragma once
/// TracingAdapter for Gauntlet's own gauntlet::tracing (Tracer with a
/// SimpleSpanProcessor into an InMemoryExporter, Scope, traceparent).
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gauntlet/harness/tracing/in_memory_exporter.h"
#include "gauntlet/harness/tracing/processor.h"
#include "gauntlet/harness/tracing/scope.h"
#include "gauntlet/harness/tracing/trace_context.h"
#include "gauntlet/harness/tracing/tracer.h"
#include "gauntlet/properties/tracing/adapter.h"

namespace gauntlet::properties::adapters {

struct GauntletTracingAdapter {
  struct Tracer {
    std::shared_ptr<gauntlet::tracing::InMemoryExporter> exporter;
    std::shared_ptr<gauntlet::tracing::SimpleSpanProcessor> processor;
    std::unique_ptr<gauntlet::tracing::Tracer> tracer;
  };
  using Span = gauntlet::tracing::Span;
  using Scope = gauntlet::tracing::Scope;

  static constexpr tracing::TracingCapabilities capabilities() {
    return {.groups = {.tracer = Group::kProvided, .traceparent = Group::kProvided, .scopes = Group::kProvided}};
  }

  static std::unique_ptr<Tracer> make_tracer(ManualClock& clock) {
    auto t = std::make_unique<Tracer>();
    t->exporter = std::make_shared<gauntlet::tracing::InMemoryExporter>();
    t->processor = std::make_shared<gauntlet::tracing::SimpleSpanProcessor>(t->exporter);
    t->tracer = std::make_unique<gauntlet::tracing::Tracer>(
        gauntlet::tracing::TracerOptions{}.with_seed(7).with_clock(clock), t->processor);
    return t;
  }
  static Span start_span(Tracer& t, std::string_view name, const Span* parent) {
    gauntlet::tracing::StartOptions options;
    if (parent != nullptr) {
      options.with_parent(parent->context());
    } else {
      options.as_root();
    }
    return t.tracer->start_span(name, options);
  }
  static void end_span(Tracer&, Span& s) { s.end(); }
  static tracing::SpanIds span_ids(const Span& s) {
    return {s.context().trace_id.to_hex(), s.context().span_id.to_hex()};
  }
  static void flush(Tracer& t) { (void)t.processor->force_flush(); }
  static void shutdown(Tracer& t) { (void)t.processor->shutdown(); }
  static std::vector<tracing::ExportedSpan> exported(Tracer& t) {
    std::vector<tracing::ExportedSpan> out;
    for (const auto& s : t.exporter->spans()) {
      out.push_back({s.context.trace_id.to_hex(), s.context.span_id.to_hex(),
                     s.parent_span_id.valid() ? s.parent_span_id.to_hex() : std::string(), s.name, s.start_unix_ns,
                     s.end_unix_ns});
    }
    return out;
  }
  static std::int64_t dropped(Tracer& t) { return static_cast<std::int64_t>(t.processor->stats().dropped); }

  static std::optional<tracing::TraceparentFields> parse_traceparent(std::string_view text) {
    auto parsed = gauntlet::tracing::parse_traceparent(text);
    if (!parsed) return std::nullopt;
    return tracing::TraceparentFields{parsed->trace_id.to_hex(), parsed->span_id.to_hex(), parsed->sampled()};
  }
  static std::string format_traceparent(const tracing::TraceparentFields& f) {
    gauntlet::tracing::SpanContext context;
    context.trace_id = *gauntlet::tracing::TraceId::from_hex(f.trace_id);
    context.span_id = *gauntlet::tracing::SpanId::from_hex(f.span_id);
    context.flags = f.sampled ? gauntlet::tracing::kSampledFlag : 0;
    return gauntlet::tracing::format_traceparent(context);
  }

  static std::unique_ptr<Scope> activate(Tracer&, Span& s) { return std::make_unique<Scope>(s); }
  static std::string current_span_id(Tracer&) {
    const auto context = gauntlet::tracing::current_context();
    return context.valid() ? context.span_id.to_hex() : std::string();
  }
};

}  // namespace gauntlet::properties::adapters
