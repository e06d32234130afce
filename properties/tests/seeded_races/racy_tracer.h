#pragma once
// A small tracer with one seeded race each (for measuring how often the
// concurrent properties detect it):
// - kRacyExporterAppend: the exporter appends by loading the size, writing
//   the slot and storing size + 1, so two concurrent ends can share a slot;
// - kSharedScope: the current span lives in one variable for all threads
//   instead of one per thread.
// Slots are plain atomics so the race loses spans without undefined behaviour.
#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "gauntlet/properties/tracing/adapter.h"

namespace gauntlet::properties::seeded {

enum class TracerRace { kRacyExporterAppend, kSharedScope };

inline std::string hex(std::uint64_t v, int digits) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%0*llx", digits, static_cast<unsigned long long>(v));
  return buf;
}

struct RacySpan {
  std::uint64_t trace_id = 0;
  std::uint64_t span_id = 0;
  std::uint64_t parent_id = 0;
  bool ended = false;
};

template <TracerRace R>
class RacyTracer {
 public:
  static constexpr std::size_t kCapacity = 1 << 16;

  RacySpan start(const RacySpan* parent) {
    const std::uint64_t id = next_id_.fetch_add(1) + 1;
    return {parent != nullptr ? parent->trace_id : id, id, parent != nullptr ? parent->span_id : 0};
  }
  void end(RacySpan& span) {
    if (span.ended) return;
    span.ended = true;
    if (shut_down_.load()) {
      dropped_.fetch_add(1);
      return;
    }
    if constexpr (R == TracerRace::kRacyExporterAppend) {
      const std::size_t n = size_.load();  // the seeded race: load, write, store n + 1
      write(n, span);
      size_.store(n + 1);
    } else {
      write(size_.fetch_add(1), span);
    }
  }
  std::vector<tracing::ExportedSpan> exported() const {
    std::vector<tracing::ExportedSpan> out;
    for (std::size_t i = 0, n = std::min(size_.load(), kCapacity); i < n; ++i) {
      const Slot& s = slots_[i];
      out.push_back({hex(s.trace_id.load(), 32), hex(s.span_id.load(), 16),
                     s.parent_id.load() == 0 ? std::string() : hex(s.parent_id.load(), 16), "span", 0, 0});
    }
    return out;
  }

  void shutdown() { shut_down_.store(true); }
  std::int64_t dropped() const { return dropped_.load(); }

  // Scopes: one current span per thread, or one for all (kSharedScope).
  std::uint64_t current() const {
    if constexpr (R == TracerRace::kSharedScope) return shared_current_.load();
    return thread_current();
  }
  std::uint64_t swap_current(std::uint64_t id) {
    if constexpr (R == TracerRace::kSharedScope) return shared_current_.exchange(id);
    return std::exchange(thread_current(), id);
  }

 private:
  struct Slot {
    std::atomic<std::uint64_t> trace_id{0}, span_id{0}, parent_id{0};
  };
  void write(std::size_t n, const RacySpan& span) {
    if (n >= kCapacity) return;
    slots_[n].trace_id.store(span.trace_id);
    slots_[n].span_id.store(span.span_id);
    slots_[n].parent_id.store(span.parent_id);
  }
  static std::uint64_t& thread_current() {
    thread_local std::uint64_t current = 0;
    return current;
  }

  std::atomic<std::uint64_t> next_id_{0};
  std::atomic<std::size_t> size_{0};
  std::unique_ptr<Slot[]> slots_ = std::make_unique<Slot[]>(kCapacity);
  std::atomic<std::uint64_t> shared_current_{0};
  std::atomic<bool> shut_down_{false};
  std::atomic<std::int64_t> dropped_{0};
};

template <TracerRace R>
struct RacyTracingAdapter {
  using Tracer = RacyTracer<R>;
  using Span = RacySpan;
  struct Scope {
    Tracer* tracer;
    std::uint64_t previous;
    ~Scope() { tracer->swap_current(previous); }
  };
  static constexpr tracing::TracingCapabilities capabilities() {
    return {.groups = {.tracer = Group::kProvided, .traceparent = Group::kUnsupported, .scopes = Group::kProvided},
            .counts_dropped = true};
  }
  static std::unique_ptr<Tracer> make_tracer(ManualClock&) { return std::make_unique<Tracer>(); }
  static Span start_span(Tracer& t, std::string_view, const Span* parent) { return t.start(parent); }
  static void end_span(Tracer& t, Span& s) { t.end(s); }
  static tracing::SpanIds span_ids(const Span& s) { return {hex(s.trace_id, 32), hex(s.span_id, 16)}; }
  static void flush(Tracer&) {}
  static void shutdown(Tracer& t) { t.shutdown(); }
  static std::vector<tracing::ExportedSpan> exported(Tracer& t) { return t.exported(); }
  static std::int64_t dropped(Tracer& t) { return t.dropped(); }
  static std::unique_ptr<Scope> activate(Tracer& t, Span& s) {
    return std::make_unique<Scope>(Scope{&t, t.swap_current(s.span_id)});
  }
  static std::string current_span_id(Tracer& t) {
    const std::uint64_t id = t.current();
    return id == 0 ? std::string() : hex(id, 16);
  }
};

}  // namespace gauntlet::properties::seeded
