#include "gauntlet/harness/metrics/meter.h"

#include <cmath>

namespace gauntlet::metrics {
namespace {

constexpr double kTickSeconds = static_cast<double>(Meter::kTickInterval) / 1e9;
// Per-tick smoothing factors for 1, 5 and 15 minute windows.
const double kAlpha[3] = {1.0 - std::exp(-kTickSeconds / 60.0), 1.0 - std::exp(-kTickSeconds / 300.0),
                          1.0 - std::exp(-kTickSeconds / 900.0)};

}  // namespace

Meter::Meter(const Clock& clock) : clock_(clock), start_(clock.now_ns()), last_tick_(start_) {}

void Meter::mark(std::uint64_t n) {
  tick_if_due();
  count_.fetch_add(n, std::memory_order_relaxed);
  uncounted_.fetch_add(n, std::memory_order_relaxed);
}

double Meter::mean_rate() const {
  const Nanos elapsed = clock_.now_ns() - start_;
  if (elapsed <= 0) return 0.0;
  return static_cast<double>(count()) / to_seconds(elapsed);
}

void Meter::tick_if_due() {
  const Nanos now = clock_.now_ns();
  if (now - last_tick_.load(std::memory_order_acquire) < kTickInterval) return;
  std::lock_guard lock(tick_mutex_);
  const Nanos last = last_tick_.load(std::memory_order_relaxed);
  const Nanos ticks = (now - last) / kTickInterval;
  if (ticks <= 0) return;
  last_tick_.store(last + ticks * kTickInterval, std::memory_order_release);
  // Events since the previous tick belong to the first missed interval; the
  // others saw none.
  const double instant = static_cast<double>(uncounted_.exchange(0, std::memory_order_relaxed)) / kTickSeconds;
  for (Nanos t = 0; t < ticks; ++t) {
    const double rate = t == 0 ? instant : 0.0;
    for (int w = 0; w < 3; ++w) {
      rates_[w] = initialised_ ? rates_[w] + kAlpha[w] * (rate - rates_[w]) : rate;
    }
    initialised_ = true;
  }
}

double Meter::one_minute_rate() {
  tick_if_due();
  std::lock_guard lock(tick_mutex_);
  return rates_[0];
}

double Meter::five_minute_rate() {
  tick_if_due();
  std::lock_guard lock(tick_mutex_);
  return rates_[1];
}

double Meter::fifteen_minute_rate() {
  tick_if_due();
  std::lock_guard lock(tick_mutex_);
  return rates_[2];
}

}  // namespace gauntlet::metrics
