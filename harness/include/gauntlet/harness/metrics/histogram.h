#pragma once
/// Histogram: log-linear buckets with at most 1% relative error, sharded per
/// thread for recording, with consistent snapshots while writers run.
#include "gauntlet/harness/error.h"
#include "gauntlet/harness/metrics/detail/histogram_stripe.h"
#include "gauntlet/harness/metrics/detail/thread_slot.h"
#include "gauntlet/harness/metrics/histogram_snapshot.h"

#include <array>
#include <bit>
#include <atomic>
#include <cstdint>
#include <limits>
#include <memory>
#include <mutex>

namespace gauntlet::metrics {

/// A distribution of non-negative values.
///
/// Input policy: NaN, negative values and infinities are not recorded; they
/// are tallied in `rejected()`. Values at or below the bottom bucket edge
/// (just under `lowest`) share bucket 0; finite values above the top edge
/// (just over `highest`) land in the overflow bucket, and min/max/sum stay exact for all of them.
///
/// Thread-safety: `record` from any number of threads; each thread writes its
/// own stripe with plain stores. `snapshot` briefly pauses one stripe at a
/// time (writers of that stripe wait a few microseconds) so that every
/// snapshot is consistent: count == sum of buckets, sum/min/max describe the
/// same observations.
class Histogram {
 public:
  /// Default options: 1 .. 3.6e12 (1 ns .. 1 h when recording nanoseconds).
  Histogram();
  /// kInvalidArgument if `options.validate()` fails.
  static Result<std::unique_ptr<Histogram>> create(HistogramOptions options);
  ~Histogram();
  Histogram(const Histogram&) = delete;
  Histogram& operator=(const Histogram&) = delete;

  /// Records one observation (see the input policy above).
  void record(double value) noexcept {
    // Finite values >= +0.0 are exactly the bit patterns below +inf's; one
    // integer compare screens NaN, negatives and infinities (-0.0 counts as 0).
    std::uint64_t bits = std::bit_cast<std::uint64_t>(value);
    if (bits >= kInfinityBits) [[unlikely]] {
      if (bits != kNegativeZeroBits) {
        rejected_.fetch_add(1, std::memory_order_relaxed);
        return;
      }
      bits = 0;
      value = 0.0;
    }
    std::size_t index = layout_.index_of_bits(bits);
    std::uint32_t slot = detail::thread_slot();
    if (slot < detail::kExclusiveSlots) [[likely]] {
      detail::HistogramStripe* stripe = stripes_[slot].load(std::memory_order_acquire);
      if (stripe == nullptr) [[unlikely]]
        stripe = make_stripe(slot);
      stripe->record_exclusive(index, value);
    } else {
      std::lock_guard lock(overflow_mutex_);
      overflow_->record_locked(index, value);
    }
  }

  /// A consistent copy of everything recorded so far.
  HistogramSnapshot snapshot() const;

  /// Adds every observation of `other` (e.g. a snapshot of another
  /// histogram). kInvalidArgument if its bucket layout differs.
  Status merge(const HistogramSnapshot& other);

  /// Inputs refused by the policy so far.
  std::uint64_t rejected() const noexcept { return rejected_.load(std::memory_order_relaxed); }

  const HistogramOptions& options() const noexcept { return options_; }
  const detail::LogLinearLayout& layout() const noexcept { return layout_; }

 private:
  explicit Histogram(HistogramOptions options);
  detail::HistogramStripe* make_stripe(std::uint32_t slot);

  static constexpr std::uint64_t kInfinityBits = 0x7FF0000000000000ULL;
  static constexpr std::uint64_t kNegativeZeroBits = 0x8000000000000000ULL;

  HistogramOptions options_;
  detail::LogLinearLayout layout_;
  std::array<std::atomic<detail::HistogramStripe*>, detail::kExclusiveSlots> stripes_{};
  detail::StripePtr overflow_;
  mutable std::mutex overflow_mutex_;
  mutable std::mutex snapshot_mutex_;
  std::atomic<std::uint64_t> rejected_{0};
};

}  // namespace gauntlet::metrics
