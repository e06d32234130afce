#pragma once
// Sliding windows for the CLOSED state; callers serialise access.
#include "gauntlet/harness/clock.h"

#include <cstdint>
#include <deque>
#include <vector>

namespace gauntlet::breaker::detail {

/// A window's content and its rates (percent; -1 while below minimum calls).
struct WindowRates {
  std::uint64_t calls = 0;
  std::uint64_t failures = 0;
  std::uint64_t slow = 0;
  double failure_rate = -1.0;
  double slow_call_rate = -1.0;
  bool judged() const noexcept { return failure_rate >= 0.0; }
};

WindowRates judge(std::uint64_t calls, std::uint64_t failures, std::uint64_t slow, std::uint64_t minimum_calls);

/// The last `size` calls by sequence number. Successes are not stored: the
/// caller numbers every call, and only failed or slow calls keep their number.
class CountWindow {
 public:
  void reset(std::uint64_t size, std::uint64_t minimum_calls);
  /// `seq` numbers of stored calls must increase.
  void add(std::uint64_t seq, bool failed, bool slow);
  /// Rates once `calls_so_far` calls have been numbered in this entry.
  WindowRates rates(std::uint64_t calls_so_far);

 private:
  void evict(std::deque<std::uint64_t>& seqs, std::uint64_t first_in_window);

  std::uint64_t size_ = 1;
  std::uint64_t minimum_calls_ = 1;
  std::deque<std::uint64_t> failed_;
  std::deque<std::uint64_t> slow_;
};

/// Calls in the last `seconds` whole seconds of the clock, in 1 s buckets.
class TimeWindow {
 public:
  void reset(int seconds, std::uint64_t minimum_calls);
  void add(Nanos now, bool failed, bool slow);
  WindowRates rates(Nanos now) const;

 private:
  struct Bucket {
    std::int64_t epoch = -1;
    std::uint64_t calls = 0;
    std::uint64_t failures = 0;
    std::uint64_t slow = 0;
  };
  std::vector<Bucket> buckets_;
  std::uint64_t minimum_calls_ = 1;
};

}  // namespace gauntlet::breaker::detail
