#include "gauntlet/harness/tracing/tracer.h"

#include "gauntlet/harness/tracing/in_memory_exporter.h"
#include "gauntlet/harness/tracing/processor.h"

#include <gtest/gtest.h>

#include <memory>

namespace gauntlet::tracing {
namespace {

struct Fixture {
  ManualClock clock{1'000};
  std::shared_ptr<InMemoryExporter> exporter = std::make_shared<InMemoryExporter>();
  Tracer tracer{TracerOptions{.seed = 7, .sampler = Sampler::always_on(), .clock = &clock},
                std::make_shared<SimpleSpanProcessor>(exporter)};
};

TEST(TracerTest, RecordsNameKindTimesAttributesEventsAndStatus) {
  Fixture f;
  Span span = f.tracer.start_span("GET /users",
                                  StartOptions().with_kind(SpanKind::kServer).with_attribute("http.method", "GET"));
  ASSERT_TRUE(span.is_recording());
  f.clock.advance(5);
  span.set_attribute("http.status_code", 200);
  span.set_attribute("cache.hit", true);
  span.set_attribute("ratio", 0.25);
  span.add_event("retry", {{"attempt", std::int64_t{2}}});
  span.set_status(StatusCode::kError, "upstream timed out");
  f.clock.advance(10);
  span.end();

  const auto spans = f.exporter->spans();
  ASSERT_EQ(spans.size(), 1u);
  const SpanData& d = spans[0];
  EXPECT_EQ(d.name, "GET /users");
  EXPECT_EQ(d.kind, SpanKind::kServer);
  EXPECT_EQ(d.start_unix_ns, 1'000);
  EXPECT_EQ(d.end_unix_ns, 1'015);
  ASSERT_EQ(d.attributes.size(), 4u);
  EXPECT_EQ(d.attributes[0], (Attribute{"http.method", std::string("GET")}));
  EXPECT_EQ(d.attributes[1], (Attribute{"http.status_code", std::int64_t{200}}));
  EXPECT_EQ(d.attributes[2], (Attribute{"cache.hit", true}));
  EXPECT_EQ(d.attributes[3], (Attribute{"ratio", 0.25}));
  ASSERT_EQ(d.events.size(), 1u);
  EXPECT_EQ(d.events[0].name, "retry");
  EXPECT_EQ(d.events[0].time_unix_ns, 1'005);
  EXPECT_EQ(d.status, StatusCode::kError);
  EXPECT_EQ(d.status_message, "upstream timed out");
  EXPECT_EQ(d.context, span.context());
  EXPECT_FALSE(d.parent_span_id.valid());
}

TEST(TracerTest, SecondEndIsIgnored) {
  Fixture f;
  Span span = f.tracer.start_span("op");
  f.clock.advance(3);
  span.end();
  f.clock.advance(100);
  span.end();
  EXPECT_FALSE(span.is_recording());
  const auto spans = f.exporter->spans();
  ASSERT_EQ(spans.size(), 1u);
  EXPECT_EQ(spans[0].end_unix_ns, 1'003);
}

TEST(TracerTest, DestructorEndsAnOpenSpanOnce) {
  Fixture f;
  { Span span = f.tracer.start_span("scoped"); }
  EXPECT_EQ(f.exporter->size(), 1u);
}

TEST(TracerTest, SettingAnAttributeTwiceReplacesIt) {
  Fixture f;
  Span span = f.tracer.start_span("op");
  span.set_attribute("k", "a");
  span.set_attribute("k", "b");
  span.end();
  const auto spans = f.exporter->spans();
  ASSERT_EQ(spans[0].attributes.size(), 1u);
  EXPECT_EQ(spans[0].attributes[0].value, AttributeValue(std::string("b")));
}

TEST(TracerTest, StatusFollowsOpenTelemetryRules) {
  Fixture f;
  Span a = f.tracer.start_span("a");
  a.set_status(StatusCode::kError, "boom");
  a.set_status(StatusCode::kUnset);  // ignored
  a.set_status(StatusCode::kOk, "ignored message");
  a.set_status(StatusCode::kError, "too late");  // Ok is final
  a.end();
  const auto spans = f.exporter->spans();
  EXPECT_EQ(spans[0].status, StatusCode::kOk);
  EXPECT_EQ(spans[0].status_message, "");
}

TEST(TracerTest, ChildInheritsTraceIdAndSampledFlagFromExplicitParent) {
  Fixture f;
  Span parent = f.tracer.start_span("parent");
  Span child = f.tracer.start_span("child", StartOptions().with_parent(parent.context()));
  EXPECT_EQ(child.context().trace_id, parent.context().trace_id);
  EXPECT_NE(child.context().span_id, parent.context().span_id);
  EXPECT_EQ(child.parent_span_id(), parent.context().span_id);
  EXPECT_TRUE(child.context().sampled());
}

TEST(TracerTest, IdsAreNonZeroAndDeterministicForASeed) {
  ManualClock clock;
  Tracer a(TracerOptions().with_seed(42).with_clock(clock));
  Tracer b(TracerOptions().with_seed(42).with_clock(clock));
  Tracer c(TracerOptions().with_seed(43).with_clock(clock));
  for (int i = 0; i < 100; ++i) {
    Span sa = a.start_span("x", StartOptions().as_root());
    Span sb = b.start_span("x", StartOptions().as_root());
    Span sc = c.start_span("x", StartOptions().as_root());
    EXPECT_TRUE(sa.context().valid());
    EXPECT_EQ(sa.context().trace_id, sb.context().trace_id);
    EXPECT_EQ(sa.context().span_id, sb.context().span_id);
    EXPECT_NE(sa.context().trace_id, sc.context().trace_id);
  }
}

TEST(TracerTest, UnsampledSpanIsNonRecordingButPropagatable) {
  ManualClock clock;
  auto exporter = std::make_shared<InMemoryExporter>();
  auto processor = std::make_shared<SimpleSpanProcessor>(exporter);
  Tracer tracer(TracerOptions{.seed = 1, .sampler = Sampler::always_off(), .clock = &clock}, processor);
  Span root = tracer.start_span("root");
  EXPECT_FALSE(root.is_recording());
  EXPECT_TRUE(root.context().valid());
  EXPECT_FALSE(root.context().sampled());
  root.set_attribute("ignored", 1);
  Span child = tracer.start_span("child", StartOptions().with_parent(root.context()));
  EXPECT_FALSE(child.context().sampled());
  EXPECT_EQ(child.context().trace_id, root.context().trace_id);
  child.end();
  root.end();
  EXPECT_EQ(exporter->size(), 0u);
  EXPECT_EQ(processor->stats().ended, 0u);
}

TEST(TracerTest, SampledRemoteParentMakesChildSampledEvenWithNeverSampler) {
  ManualClock clock;
  Tracer tracer(TracerOptions{.seed = 1, .sampler = Sampler::always_off(), .clock = &clock});
  SpanContext remote{TraceId{1, 2}, SpanId{3}, kSampledFlag, "k=v", true};
  Span child = tracer.start_span("child", StartOptions().with_parent(remote));
  EXPECT_TRUE(child.is_recording());
  EXPECT_EQ(child.context().trace_id, (TraceId{1, 2}));
  EXPECT_EQ(child.context().trace_state, "k=v");
  EXPECT_FALSE(child.context().remote);
}

TEST(TracerTest, MovedFromSpanDoesNotEndTwice) {
  Fixture f;
  Span a = f.tracer.start_span("a");
  Span b = std::move(a);
  a.end();  // NOLINT(bugprone-use-after-move): moved-from is inert
  EXPECT_EQ(f.exporter->size(), 0u);
  b.end();
  EXPECT_EQ(f.exporter->size(), 1u);
}

}  // namespace
}  // namespace gauntlet::tracing
