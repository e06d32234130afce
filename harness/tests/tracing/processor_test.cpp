#include "gauntlet/harness/tracing/batch_processor.h"
#include "gauntlet/harness/tracing/in_memory_exporter.h"
#include "gauntlet/harness/tracing/processor.h"
#include "gauntlet/harness/tracing/tracer.h"

#include <gtest/gtest.h>

#include "gauntlet/harness/testing/status_matchers.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

namespace gauntlet::tracing {
namespace {

SpanData span_named(std::string name) {
  SpanData d;
  d.name = std::move(name);
  return d;
}

// An exporter that blocks until released, to fill a batch processor's queue.
class GateExporter final : public SpanExporter {
 public:
  Status export_spans(std::span<const SpanData> spans) override {
    std::unique_lock lock(mutex_);
    entered_ = true;
    entered_cv_.notify_all();
    cv_.wait(lock, [this] { return open_; });
    exported_ += spans.size();
    return Status::Ok();
  }
  Status shutdown() override { return Status::Ok(); }
  void wait_until_entered() {
    std::unique_lock lock(mutex_);
    entered_cv_.wait(lock, [this] { return entered_; });
  }
  void open() {
    std::lock_guard lock(mutex_);
    open_ = true;
    cv_.notify_all();
  }
  std::size_t exported() {
    std::lock_guard lock(mutex_);
    return exported_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_, entered_cv_;
  bool open_ = false, entered_ = false;
  std::size_t exported_ = 0;
};

class FailingExporter final : public SpanExporter {
 public:
  Status export_spans(std::span<const SpanData>) override { return Error(ErrorCode::kIoError, "disk full"); }
  Status shutdown() override { return Status::Ok(); }
};

TEST(SimpleProcessorTest, ExportsSynchronouslyAndCounts) {
  auto exporter = std::make_shared<InMemoryExporter>();
  SimpleSpanProcessor processor(exporter);
  processor.on_end(span_named("a"));
  EXPECT_EQ(exporter->size(), 1u);  // no flush needed
  EXPECT_EQ(processor.stats(), (ProcessorStats{1, 1, 0}));
}

TEST(SimpleProcessorTest, SpansEndedAfterShutdownAreDroppedNotExported) {
  auto exporter = std::make_shared<InMemoryExporter>();
  SimpleSpanProcessor processor(exporter);
  processor.on_end(span_named("before"));
  ASSERT_TRUE(processor.shutdown().ok());
  processor.on_end(span_named("after"));
  EXPECT_EQ(exporter->size(), 1u);
  EXPECT_EQ(processor.stats(), (ProcessorStats{2, 1, 1}));
  const Status again = processor.shutdown();
  ASSERT_THAT(again, matchers::StatusIs(ErrorCode::kFailedPrecondition));
}

TEST(SimpleProcessorTest, FailedExportCountsAsDropped) {
  SimpleSpanProcessor processor(std::make_shared<FailingExporter>());
  processor.on_end(span_named("a"));
  EXPECT_EQ(processor.stats(), (ProcessorStats{1, 0, 1}));
}

TEST(BatchProcessorTest, ForceFlushExportsEverythingEndedBefore) {
  auto exporter = std::make_shared<InMemoryExporter>();
  BatchSpanProcessor processor(
      exporter,
      {.max_queue_size = 64, .max_export_batch_size = 8, .schedule_delay = std::chrono::milliseconds(10'000)});
  for (int i = 0; i < 20; ++i) processor.on_end(span_named("s" + std::to_string(i)));
  ASSERT_TRUE(processor.force_flush().ok());
  const auto spans = exporter->spans();
  ASSERT_EQ(spans.size(), 20u);
  for (int i = 0; i < 20; ++i) EXPECT_EQ(spans[static_cast<std::size_t>(i)].name, "s" + std::to_string(i));
  EXPECT_EQ(processor.stats(), (ProcessorStats{20, 20, 0}));
}

TEST(BatchProcessorTest, FullQueueDropsAndCountsWithoutBlocking) {
  auto exporter = std::make_shared<GateExporter>();
  BatchSpanProcessor processor(
      exporter, {.max_queue_size = 8, .max_export_batch_size = 1, .schedule_delay = std::chrono::milliseconds(1)});
  processor.on_end(span_named("first"));  // taken by the export thread, which then blocks
  exporter->wait_until_entered();
  for (int i = 0; i < 100; ++i) processor.on_end(span_named("x"));  // returns although nothing drains
  const ProcessorStats mid = processor.stats();
  EXPECT_EQ(mid.ended, 101u);
  EXPECT_EQ(mid.dropped, 100u - 8u);  // the queue holds 8
  exporter->open();
  ASSERT_TRUE(processor.shutdown().ok());
  const ProcessorStats end = processor.stats();
  EXPECT_EQ(end.exported, 9u);
  EXPECT_EQ(end.exported + end.dropped, end.ended);
  EXPECT_EQ(exporter->exported(), 9u);
}

TEST(BatchProcessorTest, SpansEndedAfterShutdownAreNotExported) {
  auto exporter = std::make_shared<InMemoryExporter>();
  BatchSpanProcessor processor(exporter);
  processor.on_end(span_named("before"));
  ASSERT_TRUE(processor.shutdown().ok());
  processor.on_end(span_named("after"));
  EXPECT_EQ(exporter->size(), 1u);
  EXPECT_TRUE(exporter->is_shut_down());
  EXPECT_EQ(processor.stats(), (ProcessorStats{2, 1, 1}));
  EXPECT_THAT(processor.force_flush(), matchers::StatusIs(ErrorCode::kFailedPrecondition));
}

TEST(BatchProcessorTest, FailedExportCountsAsDropped) {
  BatchSpanProcessor processor(std::make_shared<FailingExporter>());
  for (int i = 0; i < 5; ++i) processor.on_end(span_named("a"));
  ASSERT_TRUE(processor.force_flush().ok());
  EXPECT_EQ(processor.stats(), (ProcessorStats{5, 0, 5}));
}

// Many recording threads, a small queue, flushes and a shutdown racing with
// them: every span is accounted for exactly once (run under ThreadSanitizer
// in the tsan preset).
TEST(BatchProcessorTest, ConcurrentRecordingKeepsTheBooksBalanced) {
  auto exporter = std::make_shared<InMemoryExporter>();
  auto processor = std::make_shared<BatchSpanProcessor>(
      exporter, BatchProcessorOptions{
                    .max_queue_size = 64, .max_export_batch_size = 16, .schedule_delay = std::chrono::milliseconds(1)});
  Tracer tracer(TracerOptions().with_seed(11), processor);
  constexpr int kThreads = 4;
  constexpr int kSpans = 2000;
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      while (!go.load()) std::this_thread::yield();
      for (int i = 0; i < kSpans; ++i) {
        Span span = tracer.start_span("work");
        span.set_attribute("thread", t);
        span.end();
        if (t == 0 && i == kSpans / 2) (void)processor->shutdown();  // mid-stream shutdown
      }
    });
  }
  std::thread flusher([&] {
    while (!go.load()) std::this_thread::yield();
    for (int i = 0; i < 20; ++i) (void)processor->force_flush();
  });
  go = true;
  for (auto& th : threads) th.join();
  flusher.join();
  const ProcessorStats stats = processor->stats();
  EXPECT_EQ(stats.ended, static_cast<std::uint64_t>(kThreads * kSpans));
  EXPECT_EQ(stats.exported + stats.dropped, stats.ended);
  EXPECT_EQ(stats.exported, exporter->size());
  std::set<std::uint64_t> ids;
  for (const auto& s : exporter->spans()) ids.insert(s.context.span_id.value);
  EXPECT_EQ(ids.size(), exporter->size()) << "a span was exported twice";
}

TEST(InMemoryExporterTest, ClearForgetsAndShutdownRefuses) {
  InMemoryExporter exporter;
  std::vector<SpanData> batch{span_named("a"), span_named("b")};
  ASSERT_TRUE(exporter.export_spans(batch).ok());
  EXPECT_EQ(exporter.size(), 2u);
  exporter.clear();
  EXPECT_EQ(exporter.size(), 0u);
  ASSERT_TRUE(exporter.shutdown().ok());
  const Status s = exporter.export_spans(batch);
  ASSERT_THAT(s, matchers::StatusIs(ErrorCode::kFailedPrecondition));
  EXPECT_EQ(exporter.size(), 0u);
}

}  // namespace
}  // namespace gauntlet::tracing
