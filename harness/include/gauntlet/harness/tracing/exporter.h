#pragma once
/// Where ended spans go: the exporter interface processors call.
#include "gauntlet/harness/error.h"
#include "gauntlet/harness/tracing/span_data.h"

#include <span>

namespace gauntlet::tracing {

/// Receives batches of ended spans. Processors call an exporter from one
/// thread at a time, so implementations need no locking for that path.
class SpanExporter {
 public:
  virtual ~SpanExporter() = default;
  /// Exports a batch. After `shutdown()` returns kFailedPrecondition and
  /// keeps nothing.
  virtual Status export_spans(std::span<const SpanData> spans) = 0;
  /// Makes everything exported so far durable (e.g. written to its file).
  virtual Status force_flush() { return Status::Ok(); }
  /// Flushes and stops accepting spans. A second call returns kFailedPrecondition.
  virtual Status shutdown() = 0;
};

}  // namespace gauntlet::tracing
