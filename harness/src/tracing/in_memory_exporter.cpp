#include "gauntlet/harness/tracing/in_memory_exporter.h"

namespace gauntlet::tracing {

Status InMemoryExporter::export_spans(std::span<const SpanData> spans) {
  std::lock_guard lock(mutex_);
  if (shut_down_) return Error(ErrorCode::kFailedPrecondition, "in-memory exporter is shut down");
  spans_.insert(spans_.end(), spans.begin(), spans.end());
  return Status::Ok();
}

Status InMemoryExporter::shutdown() {
  std::lock_guard lock(mutex_);
  if (shut_down_) return Error(ErrorCode::kFailedPrecondition, "in-memory exporter already shut down");
  shut_down_ = true;
  return Status::Ok();
}

std::vector<SpanData> InMemoryExporter::spans() const {
  std::lock_guard lock(mutex_);
  return spans_;
}

std::size_t InMemoryExporter::size() const {
  std::lock_guard lock(mutex_);
  return spans_.size();
}

void InMemoryExporter::clear() {
  std::lock_guard lock(mutex_);
  spans_.clear();
}

bool InMemoryExporter::is_shut_down() const {
  std::lock_guard lock(mutex_);
  return shut_down_;
}

}  // namespace gauntlet::tracing
