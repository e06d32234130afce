#pragma once
/// Runs short branches of pre-generated operations on worker threads that all
/// start at once, and re-raises the first worker failure on the calling thread
/// (so RC_ASSERT inside a branch fails the property on the test thread).
#include <atomic>
#include <cstdint>
#include <exception>
#include <functional>
#include <latch>
#include <mutex>
#include <thread>
#include <vector>

namespace gauntlet::properties {

/// A logical clock shared by the branches of one run: `tick()` orders
/// invocations and responses for the linearizability check.
class LogicalTime {
 public:
  std::uint64_t tick() noexcept { return next_.fetch_add(1, std::memory_order_acq_rel); }

 private:
  std::atomic<std::uint64_t> next_{0};
};

/// Runs each branch on its own thread behind a start latch; joins all; then
/// rethrows the first exception any branch threw. Never call RapidCheck
/// generators inside a branch (they are not thread-safe).
inline void run_concurrently(const std::vector<std::function<void()>>& branches) {
  std::latch start(static_cast<std::ptrdiff_t>(branches.size()));
  std::mutex failure_mutex;
  std::exception_ptr failure;
  std::vector<std::thread> threads;
  threads.reserve(branches.size());
  for (const auto& branch : branches) {
    threads.emplace_back([&start, &branch, &failure_mutex, &failure] {
      start.arrive_and_wait();
      try {
        branch();
      } catch (...) {
        std::lock_guard lock(failure_mutex);
        if (!failure) failure = std::current_exception();
      }
    });
  }
  for (auto& t : threads) t.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace gauntlet::properties
