#include "gauntlet/harness/tracing/otlp_json_exporter.h"

#include "gauntlet/harness/atomic_file.h"

#include <fmt/format.h>

#include <fstream>
#include <system_error>
#include <utility>

namespace gauntlet::tracing {

OtlpJsonFileExporter::OtlpJsonFileExporter(std::filesystem::path path, OtlpResource resource)
    : path_(std::move(path)), resource_(std::move(resource)) {}

Status OtlpJsonFileExporter::export_spans(std::span<const SpanData> spans) {
  std::lock_guard lock(mutex_);
  if (shut_down_) return Error(ErrorCode::kFailedPrecondition, "OTLP/JSON file exporter is shut down");
  spans_.insert(spans_.end(), spans.begin(), spans.end());
  return Status::Ok();
}

Status OtlpJsonFileExporter::force_flush() {
  std::lock_guard lock(mutex_);
  if (shut_down_) return Error(ErrorCode::kFailedPrecondition, "OTLP/JSON file exporter is shut down");
  return write_locked();
}

Status OtlpJsonFileExporter::shutdown() {
  std::lock_guard lock(mutex_);
  if (shut_down_) return Error(ErrorCode::kFailedPrecondition, "OTLP/JSON file exporter already shut down");
  shut_down_ = true;
  return write_locked();
}

Status OtlpJsonFileExporter::write_locked() {
  const std::string text = to_otlp_json(spans_, resource_);
  return write_file_atomically(path_, text + "\n");
}

}  // namespace gauntlet::tracing
