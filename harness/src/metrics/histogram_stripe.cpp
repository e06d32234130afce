#include "gauntlet/harness/metrics/detail/histogram_stripe.h"

namespace gauntlet::metrics::detail {

HistogramStripe::HistogramStripe(std::size_t n)
    : buckets(std::make_unique<std::atomic<std::uint64_t>[]>(n)), bucket_count(n) {}

void HistogramStripe::wait_while_paused() const noexcept {
  while (paused.load(std::memory_order_acquire) != 0) std::this_thread::yield();
}

void StripeDeleter::operator()(HistogramStripe* s) const noexcept { delete s; }

}  // namespace gauntlet::metrics::detail
