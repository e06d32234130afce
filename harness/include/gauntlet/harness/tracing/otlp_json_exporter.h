#pragma once
/// OTLP/JSON: the OpenTelemetry protocol's JSON encoding of an
/// ExportTraceServiceRequest, as a string and as a file exporter.
#include "gauntlet/harness/tracing/exporter.h"

#include <filesystem>
#include <mutex>
#include <span>
#include <string>
#include <vector>

namespace gauntlet::tracing {

/// Who produced the spans: the OTLP resource and instrumentation scope.
struct OtlpResource {
  std::string service_name = "gauntlet";
  std::vector<Attribute> attributes;  ///< extra resource attributes
  std::string scope_name = "gauntlet.tracing";
  std::string scope_version = "0.1.0";
};

/// Encodes spans as one OTLP/JSON document:
/// {"resourceSpans":[{"resource":{...},"scopeSpans":[{"scope":{...},"spans":[...]}]}]}
/// with lowercase hex ids, decimal-string Unix-nanosecond times, integer
/// `kind` and `status.code`, and `intValue` as a decimal string (proto3 JSON).
std::string to_otlp_json(std::span<const SpanData> spans, const OtlpResource& resource);

/// Collects exported spans and writes them as one OTLP/JSON document to
/// `path` on `force_flush()` and `shutdown()`: written to a temporary name in
/// the same directory and renamed, so readers never see a partial file. The
/// file holds every span exported so far. Thread-safe.
class OtlpJsonFileExporter final : public SpanExporter {
 public:
  explicit OtlpJsonFileExporter(std::filesystem::path path, OtlpResource resource = {});

  Status export_spans(std::span<const SpanData> spans) override;
  /// kIoError (naming the file) when the file cannot be written.
  Status force_flush() override;
  Status shutdown() override;

  const std::filesystem::path& path() const noexcept { return path_; }

 private:
  Status write_locked();

  std::filesystem::path path_;
  OtlpResource resource_;
  std::mutex mutex_;
  std::vector<SpanData> spans_;
  bool shut_down_ = false;
};

}  // namespace gauntlet::tracing
