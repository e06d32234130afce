#pragma once
/// The asynchronous processor: a bounded lock-free queue between recording
/// threads and a background export thread.
#include "gauntlet/harness/tracing/processor.h"

#include <chrono>
#include <cstddef>
#include <memory>

namespace gauntlet::tracing {

struct BatchProcessorOptions {
  /// Queue capacity, rounded up to a power of two. When full, ended spans are
  /// dropped (and counted) instead of blocking the recording thread.
  std::size_t max_queue_size = 2048;
  /// Largest batch handed to the exporter in one call.
  std::size_t max_export_batch_size = 512;
  /// How long the export thread sleeps when the queue is not yet half a batch.
  std::chrono::milliseconds schedule_delay{200};
};

namespace detail {
class BatchWorker;
}

/// Hands ended spans to an exporter on a background thread. `on_end` never
/// takes a lock: it pushes into a bounded multi-producer queue or counts a
/// drop. Exporter calls are serialised. The destructor shuts down.
class BatchSpanProcessor final : public SpanProcessor {
 public:
  BatchSpanProcessor(std::shared_ptr<SpanExporter> exporter, BatchProcessorOptions options = {});
  ~BatchSpanProcessor() override;
  BatchSpanProcessor(const BatchSpanProcessor&) = delete;
  BatchSpanProcessor& operator=(const BatchSpanProcessor&) = delete;

  void on_end(SpanData&& span) noexcept override;
  Status force_flush() override;
  Status shutdown() override;
  ProcessorStats stats() const noexcept override;

 private:
  std::unique_ptr<detail::BatchWorker> worker_;
};

}  // namespace gauntlet::tracing
