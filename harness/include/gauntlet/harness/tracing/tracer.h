#pragma once
/// The tracer: starts spans with ids from its seeded generator, times them
/// with its clock and hands ended ones to its processor.
#include "gauntlet/harness/clock.h"
#include "gauntlet/harness/tracing/ids.h"
#include "gauntlet/harness/tracing/processor.h"
#include "gauntlet/harness/tracing/sampler.h"
#include "gauntlet/harness/tracing/span.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace gauntlet::tracing {

struct TracerOptions {
  /// Seeds the id generator: the same seed gives the same ids on one thread.
  std::uint64_t seed = 0;
  /// Decision for root spans; children inherit their parent's sampled flag.
  Sampler sampler = Sampler::always_on();
  /// Time source; nullptr means RealClock::instance(). Must outlive the tracer.
  const Clock* clock = nullptr;

  /// Chainable setters (designated initialisers work too).
  TracerOptions& with_seed(std::uint64_t s) {
    seed = s;
    return *this;
  }
  TracerOptions& with_sampler(Sampler s) {
    sampler = s;
    return *this;
  }
  TracerOptions& with_clock(const Clock& c) {
    clock = &c;
    return *this;
  }
};

/// How to start a span.
struct StartOptions {
  SpanKind kind = SpanKind::kInternal;
  /// Explicit parent (e.g. extracted from a request). When absent (or
  /// invalid) the thread's current context is the parent, unless `root`.
  std::optional<SpanContext> parent;
  /// Start a new trace even if a context is current.
  bool root = false;
  std::vector<Attribute> attributes;

  /// Chainable setters (designated initialisers work too).
  StartOptions& with_kind(SpanKind k) {
    kind = k;
    return *this;
  }
  StartOptions& with_parent(SpanContext p) {
    parent = std::move(p);
    return *this;
  }
  StartOptions& as_root() {
    root = true;
    return *this;
  }
  StartOptions& with_attribute(std::string key, AttributeValue value) {
    attributes.push_back(Attribute{std::move(key), std::move(value)});
    return *this;
  }
};

/// Thread-safe: any number of threads may start spans concurrently.
class Tracer {
 public:
  /// `processor` may be null: sampled spans are then recorded and discarded.
  explicit Tracer(TracerOptions options = {}, std::shared_ptr<SpanProcessor> processor = nullptr);
  Tracer(const Tracer&) = delete;
  Tracer& operator=(const Tracer&) = delete;

  /// Starts a span: a child of `options.parent`, else of the current context
  /// (see scope.h), else the root of a new trace.
  Span start_span(std::string_view name, StartOptions options = {});

  const Clock& clock() const noexcept { return *clock_; }
  const Sampler& sampler() const noexcept { return sampler_; }
  SpanProcessor* processor() const noexcept { return processor_.get(); }
  IdGenerator& ids() noexcept { return ids_; }

 private:
  friend class Span;
  void on_end(SpanData&& data) noexcept;

  const Clock* clock_;
  Sampler sampler_;
  IdGenerator ids_;
  std::shared_ptr<SpanProcessor> processor_;
};

}  // namespace gauntlet::tracing
