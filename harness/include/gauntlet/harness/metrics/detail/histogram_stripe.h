#pragma once
// One thread's share of a histogram (internal): bucket counts, sum, min, max,
// guarded by a sequence number so readers get a consistent copy.
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <thread>

namespace gauntlet::metrics::detail {

struct alignas(64) HistogramStripe {
  explicit HistogramStripe(std::size_t bucket_count);

  // Set by a reader to hold the writer still while it copies the stripe.
  std::atomic<std::uint32_t> paused{0};
  // Odd while a write is in progress; 0 until the first write.
  std::atomic<std::uint64_t> seq{0};
  // Two partial sums, alternating by write: each addition then waits on the
  // one two writes back, halving the store -> load -> add chain per record.
  // The stripe's sum is sum_lanes[0] + sum_lanes[1].
  std::atomic<double> sum_lanes[2] = {0.0, 0.0};
  std::atomic<double> min{std::numeric_limits<double>::infinity()};
  std::atomic<double> max{-std::numeric_limits<double>::infinity()};
  std::unique_ptr<std::atomic<std::uint64_t>[]> buckets;
  std::size_t bucket_count;

  /// Called only by the stripe's owning thread.
  void record_exclusive(std::size_t index, double value) noexcept {
    if (paused.load(std::memory_order_acquire) != 0) [[unlikely]]
      wait_while_paused();
    write(index, value, 1);
  }
  /// Called with the stripe's lock held (shared overflow stripe).
  void record_locked(std::size_t index, double value) noexcept { write(index, value, 1); }

  /// Seqlock write: readers retry if `seq` changed or was odd around their
  /// copy. Release stores keep the odd `seq` ahead of the data without a
  /// fence (plain moves on x86; visible to ThreadSanitizer).
  void write(std::size_t index, double value, std::uint64_t n) noexcept {
    const std::uint64_t s = seq.load(std::memory_order_relaxed);
    seq.store(s + 1, std::memory_order_relaxed);
    std::atomic<std::uint64_t>& b = buckets[index];
    b.store(b.load(std::memory_order_relaxed) + n, std::memory_order_release);
    std::atomic<double>& lane = sum_lanes[(s >> 1) & 1U];
    lane.store(lane.load(std::memory_order_relaxed) + value * static_cast<double>(n), std::memory_order_release);
    if (value < min.load(std::memory_order_relaxed)) min.store(value, std::memory_order_release);
    if (value > max.load(std::memory_order_relaxed)) max.store(value, std::memory_order_release);
    seq.store(s + 2, std::memory_order_release);
  }

  /// The sum of every value written (readers: inside a seqlock read).
  double sum() const noexcept {
    return sum_lanes[0].load(std::memory_order_acquire) + sum_lanes[1].load(std::memory_order_acquire);
  }

  void wait_while_paused() const noexcept;
};

struct StripeDeleter {
  void operator()(HistogramStripe* s) const noexcept;
};
using StripePtr = std::unique_ptr<HistogramStripe, StripeDeleter>;

}  // namespace gauntlet::metrics::detail
