#pragma once
/// Timer: an RAII scope that records its elapsed clock time (nanoseconds)
/// into a histogram.
#include "gauntlet/harness/clock.h"
#include "gauntlet/harness/metrics/histogram.h"

namespace gauntlet::metrics {

/// Starts on construction; records `clock.now_ns() - start` into the
/// histogram on destruction, or earlier on `stop()`. Records exactly once.
/// The histogram and clock must outlive the timer.
class Timer {
 public:
  Timer(Histogram& histogram, const Clock& clock) noexcept
      : histogram_(&histogram), clock_(&clock), start_(clock.now_ns()) {}
  ~Timer() { stop(); }
  Timer(const Timer&) = delete;
  Timer& operator=(const Timer&) = delete;

  /// Records now (first call only) and returns the elapsed nanoseconds; later
  /// calls return the first result without recording.
  Nanos stop() noexcept {
    if (histogram_ != nullptr) {
      elapsed_ = clock_->now_ns() - start_;
      histogram_->record(static_cast<double>(elapsed_));
      histogram_ = nullptr;
    }
    return elapsed_;
  }
  /// Nanoseconds since the start (or the recorded value once stopped).
  Nanos elapsed() const noexcept { return histogram_ != nullptr ? clock_->now_ns() - start_ : elapsed_; }

 private:
  Histogram* histogram_;
  const Clock* clock_;
  Nanos start_;
  Nanos elapsed_ = 0;
};

}  // namespace gauntlet::metrics
