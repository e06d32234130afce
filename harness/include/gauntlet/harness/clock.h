#pragma once
/// Time for everything in Gauntlet. Nothing outside `RealClock` reads the
/// system clock: meters, timers, breakers, spans and scenarios take a Clock, so
/// tests and virtual-time simulations drive them with a `ManualClock`.
#include <atomic>
#include <chrono>
#include <cstdint>

namespace gauntlet {

/// Nanoseconds on a clock's own monotonic timeline (origin unspecified).
using Nanos = std::int64_t;

/// A monotonic source of time. Implementations are thread-safe.
class Clock {
 public:
  virtual ~Clock() = default;
  /// Current time in nanoseconds; never decreases between calls.
  virtual Nanos now_ns() const noexcept = 0;
  /// Nanoseconds since the Unix epoch matching `now_ns()`, for export formats
  /// that need wall time (OTLP). A ManualClock reports its own value.
  virtual Nanos wall_ns() const noexcept { return now_ns(); }
};

/// The process's steady clock (std::chrono::steady_clock).
class RealClock final : public Clock {
 public:
  Nanos now_ns() const noexcept override {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
  }
  Nanos wall_ns() const noexcept override;
  /// A process-wide instance.
  static RealClock& instance() noexcept;
};

/// A clock that moves only when told to. Thread-safe: readers see a value that
/// was set at some point; `advance` is atomic.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(Nanos start = 0) noexcept : now_(start) {}
  Nanos now_ns() const noexcept override { return now_.load(std::memory_order_acquire); }
  /// Moves time forward by `delta` (negative deltas are ignored: time never goes back).
  void advance(Nanos delta) noexcept {
    if (delta > 0) now_.fetch_add(delta, std::memory_order_acq_rel);
  }
  void advance(std::chrono::nanoseconds delta) noexcept { advance(static_cast<Nanos>(delta.count())); }
  /// Sets the time; a value earlier than now is ignored.
  void set(Nanos t) noexcept {
    Nanos cur = now_.load(std::memory_order_acquire);
    while (t > cur && !now_.compare_exchange_weak(cur, t, std::memory_order_acq_rel)) {
    }
  }

 private:
  std::atomic<Nanos> now_;
};

/// Conversions used across the code base.
constexpr Nanos kNanosPerMicro = 1'000;
constexpr Nanos kNanosPerMilli = 1'000'000;
constexpr Nanos kNanosPerSecond = 1'000'000'000;
constexpr double to_seconds(Nanos ns) noexcept { return static_cast<double>(ns) / 1e9; }

}  // namespace gauntlet
