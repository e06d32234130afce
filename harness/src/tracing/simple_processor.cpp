#include "gauntlet/harness/tracing/processor.h"

#include <utility>

namespace gauntlet::tracing {

SimpleSpanProcessor::SimpleSpanProcessor(std::shared_ptr<SpanExporter> exporter) : exporter_(std::move(exporter)) {}

SimpleSpanProcessor::~SimpleSpanProcessor() {
  bool shut_down;
  {
    std::lock_guard lock(mutex_);
    shut_down = shut_down_;
  }
  if (!shut_down) (void)shutdown();
}

void SimpleSpanProcessor::on_end(SpanData&& span) noexcept {
  ended_.fetch_add(1, std::memory_order_relaxed);
  bool ok = false;
  {
    std::lock_guard lock(mutex_);
    if (!shut_down_) {
      try {
        ok = exporter_->export_spans(std::span<const SpanData>(&span, 1)).ok();
      } catch (...) {
        ok = false;
      }
    }
  }
  (ok ? exported_ : dropped_).fetch_add(1, std::memory_order_relaxed);
}

Status SimpleSpanProcessor::force_flush() {
  std::lock_guard lock(mutex_);
  if (shut_down_) return Error(ErrorCode::kFailedPrecondition, "span processor is shut down");
  return exporter_->force_flush();
}

Status SimpleSpanProcessor::shutdown() {
  std::lock_guard lock(mutex_);
  if (shut_down_) return Error(ErrorCode::kFailedPrecondition, "span processor already shut down");
  shut_down_ = true;
  return exporter_->shutdown();
}

ProcessorStats SimpleSpanProcessor::stats() const noexcept {
  return {ended_.load(std::memory_order_relaxed), exported_.load(std::memory_order_relaxed),
          dropped_.load(std::memory_order_relaxed)};
}

}  // namespace gauntlet::tracing
