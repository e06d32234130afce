#pragma once
/// An exporter that keeps spans in memory, for tests and property suites.
#include "gauntlet/harness/tracing/exporter.h"

#include <cstddef>
#include <mutex>
#include <vector>

namespace gauntlet::tracing {

/// Stores every exported span, in export order. Thread-safe: readers may call
/// `spans()` while a processor exports.
class InMemoryExporter final : public SpanExporter {
 public:
  Status export_spans(std::span<const SpanData> spans) override;
  Status shutdown() override;

  /// A copy of the spans exported so far.
  std::vector<SpanData> spans() const;
  std::size_t size() const;
  /// Forgets the stored spans (keeps accepting new ones).
  void clear();
  bool is_shut_down() const;

 private:
  mutable std::mutex mutex_;
  std::vector<SpanData> spans_;
  bool shut_down_ = false;
};

}  // namespace gauntlet::tracing
