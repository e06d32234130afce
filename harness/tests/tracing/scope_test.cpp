#include "gauntlet/harness/tracing/scope.h"

#include "gauntlet/harness/tracing/tracer.h"

#include <gtest/gtest.h>

#include <optional>
#include <thread>

namespace gauntlet::tracing {
namespace {

TEST(ScopeTest, NoContextIsCurrentByDefault) { EXPECT_FALSE(current_context().valid()); }

TEST(ScopeTest, NestedScopesRestoreInLifoOrder) {
  ManualClock clock;
  Tracer tracer(TracerOptions().with_seed(3).with_clock(clock));
  Span outer = tracer.start_span("outer");
  {
    Scope s1(outer);
    EXPECT_EQ(current_context(), outer.context());
    Span inner = tracer.start_span("inner");  // parent from the current context
    EXPECT_EQ(inner.parent_span_id(), outer.context().span_id);
    EXPECT_EQ(inner.context().trace_id, outer.context().trace_id);
    {
      Scope s2(inner);
      EXPECT_EQ(current_context(), inner.context());
      Span leaf = tracer.start_span("leaf");
      EXPECT_EQ(leaf.parent_span_id(), inner.context().span_id);
    }
    EXPECT_EQ(current_context(), outer.context());
  }
  EXPECT_FALSE(current_context().valid());
}

TEST(ScopeTest, RootOptionIgnoresTheCurrentContext) {
  ManualClock clock;
  Tracer tracer(TracerOptions().with_seed(3).with_clock(clock));
  Span outer = tracer.start_span("outer");
  Scope scope(outer);
  Span root = tracer.start_span("root", StartOptions().as_root());
  EXPECT_FALSE(root.parent_span_id().valid());
  EXPECT_NE(root.context().trace_id, outer.context().trace_id);
}

TEST(ScopeTest, ContextDoesNotLeakToOtherThreadsUnlessPassed) {
  ManualClock clock;
  Tracer tracer(TracerOptions().with_seed(3).with_clock(clock));
  Span parent = tracer.start_span("parent");
  Scope scope(parent);
  const SpanContext captured = current_context();

  bool other_thread_saw_context = true;
  std::optional<SpanId> child_parent;
  std::optional<TraceId> child_trace;
  std::thread worker([&] {
    other_thread_saw_context = current_context().valid();
    Scope reentered(captured);  // explicit hand-over
    Span child = tracer.start_span("child");
    child_parent = child.parent_span_id();
    child_trace = child.context().trace_id;
  });
  worker.join();
  EXPECT_FALSE(other_thread_saw_context);
  EXPECT_EQ(child_parent, parent.context().span_id);
  EXPECT_EQ(child_trace, parent.context().trace_id);
  EXPECT_EQ(current_context(), parent.context());  // this thread unaffected
}

TEST(ScopeTest, UnsampledCurrentContextMakesUnsampledChildren) {
  ManualClock clock;
  Tracer tracer(TracerOptions().with_seed(3).with_sampler(Sampler::always_off()).with_clock(clock));
  Span root = tracer.start_span("root");
  Scope scope(root);
  Tracer sampling(TracerOptions().with_seed(4).with_clock(clock));
  Span child = sampling.start_span("child");  // inherits "not sampled" even from an always-on tracer
  EXPECT_FALSE(child.is_recording());
  EXPECT_EQ(child.context().trace_id, root.context().trace_id);
}

}  // namespace
}  // namespace gauntlet::tracing
