#pragma once
/// Meter: an event count with its mean rate and 1/5/15-minute exponentially
/// weighted moving average rates, on a Clock.
#include "gauntlet/harness/clock.h"

#include <atomic>
#include <cstdint>
#include <mutex>

namespace gauntlet::metrics {

/// Rates are events per second. The moving averages tick every 5 s of clock
/// time (catching up on every missed tick when next touched) with
/// alpha = 1 - exp(-5 s / window), the first tick seeding each average with
/// the instant rate of that interval (the Dropwizard Metrics model). Before
/// the first tick the moving averages are 0. Thread-safe.
class Meter {
 public:
  /// The clock must outlive the meter.
  explicit Meter(const Clock& clock);
  Meter(const Meter&) = delete;
  Meter& operator=(const Meter&) = delete;

  /// Records `n` events now.
  void mark(std::uint64_t n = 1);
  std::uint64_t count() const noexcept { return count_.load(std::memory_order_relaxed); }
  /// count / seconds since construction; 0 before any clock time has passed.
  double mean_rate() const;
  double one_minute_rate();
  double five_minute_rate();
  double fifteen_minute_rate();

  static constexpr Nanos kTickInterval = 5 * kNanosPerSecond;

 private:
  void tick_if_due();

  const Clock& clock_;
  const Nanos start_;
  std::atomic<std::uint64_t> count_{0};
  std::atomic<std::uint64_t> uncounted_{0};
  std::atomic<Nanos> last_tick_;
  std::mutex tick_mutex_;
  bool initialised_ = false;           // guarded by tick_mutex_
  double rates_[3] = {0.0, 0.0, 0.0};  // guarded by tick_mutex_
};

}  // namespace gauntlet::metrics
