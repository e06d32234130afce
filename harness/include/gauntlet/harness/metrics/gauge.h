#pragma once
/// Gauge: a double that goes up and down.
#include <atomic>

namespace gauntlet::metrics {

/// A value that can be set, increased and decreased. Thread-safe; `set` is a
/// single store, `inc`/`dec` a compare-exchange loop.
class Gauge {
 public:
  Gauge() = default;
  Gauge(const Gauge&) = delete;
  Gauge& operator=(const Gauge&) = delete;

  void set(double v) noexcept { value_.store(v, std::memory_order_relaxed); }
  void inc(double delta = 1.0) noexcept {
    double cur = value_.load(std::memory_order_relaxed);
    while (!value_.compare_exchange_weak(cur, cur + delta, std::memory_order_relaxed)) {
    }
  }
  void dec(double delta = 1.0) noexcept { inc(-delta); }
  double value() const noexcept { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0.0};
};

}  // namespace gauntlet::metrics
