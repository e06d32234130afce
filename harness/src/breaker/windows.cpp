#include "windows.h"

namespace gauntlet::breaker::detail {

WindowRates judge(std::uint64_t calls, std::uint64_t failures, std::uint64_t slow, std::uint64_t minimum_calls) {
  WindowRates rates{calls, failures, slow, -1.0, -1.0};
  if (calls > 0 && calls >= minimum_calls) {
    rates.failure_rate = 100.0 * static_cast<double>(failures) / static_cast<double>(calls);
    rates.slow_call_rate = 100.0 * static_cast<double>(slow) / static_cast<double>(calls);
  }
  return rates;
}

void CountWindow::reset(std::uint64_t size, std::uint64_t minimum_calls) {
  size_ = size;
  minimum_calls_ = minimum_calls < size ? minimum_calls : size;
  failed_.clear();
  slow_.clear();
}

void CountWindow::add(std::uint64_t seq, bool failed, bool slow) {
  if (failed) failed_.push_back(seq);
  if (slow) slow_.push_back(seq);
}

void CountWindow::evict(std::deque<std::uint64_t>& seqs, std::uint64_t first_in_window) {
  while (!seqs.empty() && seqs.front() < first_in_window) seqs.pop_front();
}

WindowRates CountWindow::rates(std::uint64_t calls_so_far) {
  const std::uint64_t first = calls_so_far > size_ ? calls_so_far - size_ : 0;
  evict(failed_, first);
  evict(slow_, first);
  return judge(calls_so_far - first, failed_.size(), slow_.size(), minimum_calls_);
}

void TimeWindow::reset(int seconds, std::uint64_t minimum_calls) {
  buckets_.assign(static_cast<std::size_t>(seconds), Bucket{});
  minimum_calls_ = minimum_calls;
}

void TimeWindow::add(Nanos now, bool failed, bool slow) {
  const std::int64_t epoch = now / kNanosPerSecond;
  Bucket& bucket = buckets_[static_cast<std::size_t>(epoch) % buckets_.size()];
  if (bucket.epoch != epoch) bucket = Bucket{epoch, 0, 0, 0};
  ++bucket.calls;
  if (failed) ++bucket.failures;
  if (slow) ++bucket.slow;
}

WindowRates TimeWindow::rates(Nanos now) const {
  const std::int64_t epoch = now / kNanosPerSecond;
  const auto span = static_cast<std::int64_t>(buckets_.size());
  std::uint64_t calls = 0, failures = 0, slow = 0;
  for (const Bucket& bucket : buckets_) {
    if (bucket.epoch > epoch - span && bucket.epoch <= epoch) {
      calls += bucket.calls;
      failures += bucket.failures;
      slow += bucket.slow;
    }
  }
  return judge(calls, failures, slow, minimum_calls_);
}

}  // namespace gauntlet::breaker::detail
