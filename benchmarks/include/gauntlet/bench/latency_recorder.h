#pragma once
/// LatencyRecorder: per-iteration latencies of a Google Benchmark loop in a
/// Gauntlet histogram, reported as p50/p95/p99 counters the gate's budgets read,
/// with a distribution-free 95% interval of p95 and p99.
#include "gauntlet/harness/clock.h"
#include "gauntlet/harness/metrics/histogram.h"

#include <cmath>
#include <cstdint>
#include <memory>

namespace gauntlet::bench {

/// Counter names written by `report` (nanoseconds; the count is a plain number).
inline constexpr const char* kP50Counter = "p50_ns";
inline constexpr const char* kP95Counter = "p95_ns";
inline constexpr const char* kP99Counter = "p99_ns";
inline constexpr const char* kSamplesCounter = "latency_samples";
/// Bounds of the 95% intervals of p95 and p99 (nanoseconds); a bound is
/// absent when too few samples make it finite (absent = unbounded).
inline constexpr const char* kP95LowCounter = "p95_ns_low";
inline constexpr const char* kP95HighCounter = "p95_ns_high";
inline constexpr const char* kP99LowCounter = "p99_ns_low";
inline constexpr const char* kP99HighCounter = "p99_ns_high";

/// A quantile's 95% interval: order statistics x_(l) and x_(u) of the
/// recorded latencies with P(x_(l) <= quantile < x_(u)) >= 95% by the
/// binomial (stats::quantile_rank_interval; no assumption about the shape),
/// read from the histogram (1% relative error). NaN for a side no order
/// statistic bounds (e.g. p99's upper bound below 368 samples), both NaN when
/// empty.
struct QuantileBounds {
  double low;
  double high;
};
QuantileBounds quantile_bounds(const metrics::HistogramSnapshot& snapshot, double q);

/// Usage inside a benchmark:
/// ```
/// gauntlet::bench::LatencyRecorder rec;
/// for (auto _ : state) { auto t = rec.measure(); work(); }
/// rec.report(state);
/// ```
/// Values carry the histogram's 1% relative error. Thread-safe recording
/// (one recorder may be shared by a multi-threaded benchmark's threads).
class LatencyRecorder {
 public:
  /// Times with `clock` (the real clock by default; tests pass a ManualClock).
  explicit LatencyRecorder(const Clock& clock = RealClock::instance());

  /// Times one operation: records now - start when destroyed.
  class Scope {
   public:
    Scope(LatencyRecorder& rec, Nanos start) noexcept : rec_(&rec), start_(start) {}
    Scope(Scope&& other) noexcept : rec_(other.rec_), start_(other.start_) { other.rec_ = nullptr; }
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;
    Scope& operator=(Scope&&) = delete;
    ~Scope() {
      if (rec_ != nullptr) rec_->record_ns(static_cast<double>(rec_->clock_.now_ns() - start_));
    }

   private:
    LatencyRecorder* rec_;
    Nanos start_;
  };

  [[nodiscard]] Scope measure() noexcept { return Scope(*this, clock_.now_ns()); }

  /// Records one latency in nanoseconds (negative or NaN values are refused
  /// by the histogram and not counted).
  void record_ns(double ns) noexcept { histogram_.record(ns); }

  std::uint64_t count() const;
  /// q-quantile in nanoseconds (NaN when nothing was recorded).
  double quantile_ns(double q) const;
  metrics::HistogramSnapshot snapshot() const { return histogram_.snapshot(); }

  /// Sets p50_ns, p95_ns, p99_ns and latency_samples on `state.counters`
  /// (a benchmark::State, or anything with a string-keyed `counters` map
  /// assignable from double), and p95_ns_low/_high, p99_ns_low/_high for
  /// each finite bound of `quantile_bounds` (a bound it cannot give is left
  /// out, not written as NaN: the gate reads a missing bound as unbounded).
  template <typename State>
  void report(State& state) const {
    const metrics::HistogramSnapshot s = snapshot();
    state.counters[kP50Counter] = s.quantile(0.50);
    state.counters[kP95Counter] = s.quantile(0.95);
    state.counters[kP99Counter] = s.quantile(0.99);
    state.counters[kSamplesCounter] = static_cast<double>(s.count);
    auto bound = [&](const char* name, double value) {
      if (!std::isnan(value)) state.counters[name] = value;
    };
    const QuantileBounds p95 = quantile_bounds(s, 0.95), p99 = quantile_bounds(s, 0.99);
    bound(kP95LowCounter, p95.low);
    bound(kP95HighCounter, p95.high);
    bound(kP99LowCounter, p99.low);
    bound(kP99HighCounter, p99.high);
  }

 private:
  const Clock& clock_;
  metrics::Histogram histogram_;
};

}  // namespace gauntlet::bench
