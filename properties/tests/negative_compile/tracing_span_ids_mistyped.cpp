// span_ids returns a std::string instead of SpanIds: one error naming it.
// expect: MyTracing: tracer group: span_ids(const Span&) must return SpanIds
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "gauntlet/properties/tracing/suite.h"

namespace gt = gauntlet::properties::tracing;

struct MyTracing {
  static constexpr gt::TracingCapabilities capabilities() {
    using gauntlet::properties::Group;
    return {.groups = {.tracer = Group::kProvided, .traceparent = Group::kUnsupported, .scopes = Group::kUnsupported}};
  }
  struct Tracer {};
  struct Span {
    std::string id;
  };
  static std::unique_ptr<Tracer> make_tracer(gauntlet::ManualClock&) { return std::make_unique<Tracer>(); }
  static Span start_span(Tracer&, std::string_view, const Span*) { return {}; }
  static void end_span(Tracer&, Span&) {}
  static std::string span_ids(const Span& s) { return s.id; }
  static void flush(Tracer&) {}
  static void shutdown(Tracer&) {}
  static std::vector<gt::ExportedSpan> exported(Tracer&) { return {}; }
  static std::int64_t dropped(Tracer&) { return 0; }
};

GAUNTLET_INSTANTIATE_TRACING_PROPERTIES(Mine, MyTracing);
