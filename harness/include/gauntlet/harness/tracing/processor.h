#pragma once
/// Span processors: the hand-off between a recording thread ending a span and
/// the exporters.
#include "gauntlet/harness/error.h"
#include "gauntlet/harness/tracing/exporter.h"
#include "gauntlet/harness/tracing/span_data.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>

namespace gauntlet::tracing {

/// Counts of a processor's spans. Every ended span is eventually either
/// exported or dropped: once `force_flush()` or `shutdown()` has returned and
/// no span is ending concurrently, `exported + dropped == ended`.
struct ProcessorStats {
  std::uint64_t ended = 0;     ///< spans handed to on_end
  std::uint64_t exported = 0;  ///< spans an exporter accepted
  std::uint64_t dropped = 0;   ///< queue full, ended after shutdown, or export failed
  friend bool operator==(const ProcessorStats&, const ProcessorStats&) = default;
};

/// Called by the Tracer for every sampled span that ends. Thread-safe.
class SpanProcessor {
 public:
  virtual ~SpanProcessor() = default;
  /// Takes an ended span. Never throws; must not block for long.
  virtual void on_end(SpanData&& span) noexcept = 0;
  /// Exports everything ended before the call, then flushes the exporter.
  virtual Status force_flush() = 0;
  /// Flushes, shuts the exporter down; spans ended afterwards are dropped.
  /// A second call returns kFailedPrecondition.
  virtual Status shutdown() = 0;
  virtual ProcessorStats stats() const noexcept = 0;
};

/// Exports each span synchronously on the thread that ends it (serialised by
/// a mutex). Deterministic, so handy in tests; blocks the recording thread
/// for the export's duration.
class SimpleSpanProcessor final : public SpanProcessor {
 public:
  explicit SimpleSpanProcessor(std::shared_ptr<SpanExporter> exporter);
  ~SimpleSpanProcessor() override;

  void on_end(SpanData&& span) noexcept override;
  Status force_flush() override;
  Status shutdown() override;
  ProcessorStats stats() const noexcept override;

 private:
  std::shared_ptr<SpanExporter> exporter_;
  std::mutex mutex_;  // serialises exporter calls and guards shut_down_
  bool shut_down_ = false;
  std::atomic<std::uint64_t> ended_{0};
  std::atomic<std::uint64_t> exported_{0};
  std::atomic<std::uint64_t> dropped_{0};
};

}  // namespace gauntlet::tracing
