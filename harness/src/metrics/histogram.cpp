#include "gauntlet/harness/metrics/histogram.h"

#include <algorithm>
#include <thread>
#include <vector>

namespace gauntlet::metrics {
namespace {

// Seqlock reads: relaxed bucket loads, then an acquire fence before the second
// read of `seq`. ThreadSanitizer does not model fences, so under it every
// bucket load is an acquire load instead (slower, same guarantee).
#if defined(__SANITIZE_THREAD__)
constexpr std::memory_order kBucketLoad = std::memory_order_acquire;
inline void seqlock_read_fence() noexcept {}
#else
constexpr std::memory_order kBucketLoad = std::memory_order_relaxed;
inline void seqlock_read_fence() noexcept { std::atomic_thread_fence(std::memory_order_acquire); }
#endif

// Copies one stripe consistently (seqlock read) and adds it to `out`.
// `pause` holds the stripe's writer still so the copy cannot be starved.
void read_stripe(detail::HistogramStripe& stripe, const detail::LogLinearLayout& layout, bool pause,
                 HistogramSnapshot& out) {
  if (pause) stripe.paused.store(1, std::memory_order_seq_cst);
  HistogramSnapshot part(layout);
  for (;;) {
    const std::uint64_t s1 = stripe.seq.load(std::memory_order_acquire);
    if ((s1 & 1U) != 0) {
      std::this_thread::yield();
      continue;
    }
    part.count = 0;
    // Acquire loads keep the second read of `seq` after the data.
    part.sum = stripe.sum();
    part.min = stripe.min.load(std::memory_order_acquire);
    part.max = stripe.max.load(std::memory_order_acquire);
    part.counts.clear();
    bool plausible = true;
    if (s1 != 0) {
      // Written at least once. Non-empty buckets lie between the buckets of min and max.
      const std::size_t lo = layout.index(part.min);
      const std::size_t hi = layout.index(part.max);
      plausible = lo <= hi && hi < stripe.bucket_count;
      if (plausible) {
        part.first_index = lo;
        part.counts.resize(hi - lo + 1);
        std::uint64_t* out_counts = part.counts.data();
        const std::atomic<std::uint64_t>* in = stripe.buckets.get() + lo;
        // One pass: copy and count together.
        std::uint64_t count = 0;
        for (std::size_t i = 0; i <= hi - lo; ++i) {
          const std::uint64_t c = in[i].load(kBucketLoad);
          out_counts[i] = c;
          count += c;
        }
        part.count = count;
      }
    }
    seqlock_read_fence();  // the bucket loads above before the second read of `seq`
    const std::uint64_t s2 = stripe.seq.load(std::memory_order_relaxed);
    if (s1 == s2 && plausible) break;
  }
  if (pause) stripe.paused.store(0, std::memory_order_release);
  if (part.count == 0) return;
  if (out.count == 0 && out.counts.empty()) {
    out.count = part.count;
    out.sum = part.sum;
    out.min = part.min;
    out.max = part.max;
    out.first_index = part.first_index;
    out.counts = std::move(part.counts);
  } else {
    (void)out.merge(part);  // same layout: cannot fail
  }
}

}  // namespace

Histogram::Histogram() : Histogram(HistogramOptions{}) {}

Histogram::Histogram(HistogramOptions options)
    : options_(std::move(options)),
      layout_(options_.lowest, options_.highest),
      overflow_(new detail::HistogramStripe(layout_.size())) {}

Result<std::unique_ptr<Histogram>> Histogram::create(HistogramOptions options) {
  if (Status s = options.validate(); !s.ok()) return s.error();
  return std::unique_ptr<Histogram>(new Histogram(std::move(options)));
}

Histogram::~Histogram() {
  for (auto& s : stripes_) detail::StripeDeleter{}(s.load(std::memory_order_acquire));
}

detail::HistogramStripe* Histogram::make_stripe(std::uint32_t slot) {
  // Only the slot's current owner creates its stripe.
  auto* stripe = new detail::HistogramStripe(layout_.size());
  stripes_[slot].store(stripe, std::memory_order_release);
  return stripe;
}

HistogramSnapshot Histogram::snapshot() const {
  std::lock_guard lock(snapshot_mutex_);
  HistogramSnapshot out(layout_);
  for (const auto& s : stripes_) {
    if (detail::HistogramStripe* stripe = s.load(std::memory_order_acquire)) read_stripe(*stripe, layout_, true, out);
  }
  {
    std::lock_guard overflow_lock(overflow_mutex_);
    read_stripe(*overflow_, layout_, false, out);
  }
  out.rejected = rejected_.load(std::memory_order_relaxed);
  return out;
}

Status Histogram::merge(const HistogramSnapshot& other) {
  if (!(other.layout == layout_)) {
    return Error(ErrorCode::kInvalidArgument,
                 "cannot merge a histogram with a different bucket layout (lowest/highest)");
  }
  rejected_.fetch_add(other.rejected, std::memory_order_relaxed);
  if (other.count == 0) return Status::Ok();
  // Written into the shared overflow stripe under its lock: one seqlock write
  // so readers see all of `other` or none of it.
  std::lock_guard lock(overflow_mutex_);
  detail::HistogramStripe& s = *overflow_;
  const std::uint64_t seq = s.seq.load(std::memory_order_relaxed);
  s.seq.store(seq + 1, std::memory_order_relaxed);
  for (std::size_t i = 0; i < other.counts.size(); ++i) {
    auto& b = s.buckets[other.first_index + i];
    b.store(b.load(std::memory_order_relaxed) + other.counts[i], std::memory_order_release);
  }
  s.sum_lanes[0].store(s.sum_lanes[0].load(std::memory_order_relaxed) + other.sum, std::memory_order_release);
  if (other.min < s.min.load(std::memory_order_relaxed)) s.min.store(other.min, std::memory_order_release);
  if (other.max > s.max.load(std::memory_order_relaxed)) s.max.store(other.max, std::memory_order_release);
  s.seq.store(seq + 2, std::memory_order_release);
  return Status::Ok();
}

}  // namespace gauntlet::metrics
