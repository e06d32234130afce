#pragma once
// Shared state of one load run: the send schedule (open or closed loop,
// bounded by duration and count), counters, histograms and the timeline.
#include "gauntlet/chaos/netload/net_load.h"
#include "gauntlet/harness/metrics/histogram.h"

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>

namespace gauntlet::chaos::netload::detail {

class LoadRunState {
 public:
  LoadRunState(const NetLoadSpec& spec, Clock& clock, std::string request_bytes);

  const NetLoadSpec& spec() const noexcept { return spec_; }
  Clock& clock() const noexcept { return clock_; }
  const std::string& request_bytes() const noexcept { return request_bytes_; }

  /// Marks the start of the run (t = 0 of the schedule and the timeline).
  void start();
  /// The intended send time of the next request, or nothing when the run is over.
  std::optional<Nanos> next_request();
  void sent() noexcept { sent_.fetch_add(1, std::memory_order_relaxed); }
  void completed(Nanos intended, Nanos sent, Nanos done, int status, std::size_t bytes);
  void failed(Nanos intended, Nanos done, bool timeout);
  NetLoadResult finish();

 private:
  void add_to_timeline(Nanos done, bool failed);

  const NetLoadSpec& spec_;
  Clock& clock_;
  const std::string request_bytes_;
  Nanos start_ = 0;
  Nanos end_ = 0;
  std::atomic<std::uint64_t> tickets_{0};
  std::atomic<std::uint64_t> sent_{0};
  std::atomic<std::uint64_t> succeeded_{0};
  std::atomic<std::uint64_t> failed_{0};
  std::atomic<std::uint64_t> timeouts_{0};
  std::atomic<std::uint64_t> bytes_{0};
  metrics::Histogram latency_;
  metrics::Histogram service_;
  std::unique_ptr<std::atomic<std::uint64_t>[]> bins_completed_;
  std::unique_ptr<std::atomic<std::uint64_t>[]> bins_failed_;
  std::size_t bins_ = 0;
  // Status codes 0 (none) to 599 count without a lock; others, which a
  // conforming server never sends, go to the map under the mutex.
  static constexpr int kStatusSlots = 600;
  std::unique_ptr<std::atomic<std::uint64_t>[]> status_slots_;
  std::mutex status_mutex_;
  std::map<int, std::uint64_t> other_statuses_;
};

}  // namespace gauntlet::chaos::netload::detail
