#pragma once
// Shared state of one load run: the send schedule (open loop at a fixed or
// time-varying rate, or closed loop; bounded by duration and count), the
// prepared requests, the outcome of every request (counters, histograms,
// timeline and the spec's hooks).
#include "gauntlet/chaos/netload/net_load.h"
#include "gauntlet/harness/metrics/histogram.h"
#include "http_request_mix.h"

#include <array>
#include <atomic>
#include <memory>
#include <mutex>
#include <optional>

namespace gauntlet::chaos::netload::detail {

/// One request taken from the schedule.
struct Ticket {
  std::uint64_t number = 0;  ///< 0, 1, ... in schedule order; chooses the template
  Nanos intended = 0;        ///< intended send time (clock time)
};

class LoadRunState {
 public:
  /// `spec` must be valid and outlive the state.
  LoadRunState(const NetLoadSpec& spec, Clock& clock);

  const NetLoadSpec& spec() const noexcept { return spec_; }
  Clock& clock() const noexcept { return clock_; }
  const PreparedRequest& request(std::uint64_t number) const noexcept { return mix_.request(number); }

  /// Marks the start of the run (t = 0 of the schedule and the timeline) and
  /// calls on_start.
  void start();
  /// The next request to send, or nothing when the run is over. Every ticket
  /// returned must be issued (`issued()`) and end in one of the three calls below.
  std::optional<Ticket> next_request();
  void issued() noexcept { sent_.fetch_add(1, std::memory_order_relaxed); }
  /// A complete HTTP response with `status`.
  void http_reply(Nanos intended, Nanos sent, Nanos done, int status, std::size_t bytes);
  /// A complete raw reply; `expected` when it matched raw_expect (or none is set).
  void raw_reply(Nanos intended, Nanos sent, Nanos done, bool expected, std::size_t bytes);
  /// No complete reply: a timeout or a connection error.
  void failed(Nanos intended, Nanos sent, Nanos done, bool timeout);
  /// The result, once every connection has finished; calls on_not_sent.
  NetLoadResult finish();

 private:
  void record(const RequestOutcome& outcome, std::size_t bytes);
  void add_to_timeline(Nanos done, bool failed);
  /// The next intended time of the time-varying schedule, or nothing at its
  /// end; under schedule_mutex_.
  std::optional<Nanos> advance_schedule();
  /// Open loop: sends due before the end that were never taken.
  std::uint64_t count_not_sent();

  const NetLoadSpec& spec_;
  Clock& clock_;
  const RequestMix mix_;
  Nanos start_ = 0;
  Nanos end_ = 0;
  std::atomic<std::uint64_t> tickets_{0};
  // The time-varying schedule (rate_at): next intended time and the count taken.
  std::mutex schedule_mutex_;
  Nanos schedule_next_ = 0;
  std::uint64_t scheduled_ = 0;
  std::atomic<std::uint64_t> sent_{0};
  std::atomic<std::uint64_t> succeeded_{0};
  std::atomic<std::uint64_t> failed_{0};
  std::atomic<std::uint64_t> timeouts_{0};
  std::atomic<std::uint64_t> connection_errors_{0};
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
  std::array<bool, kStatusSlots> ok_status_{};  ///< from ok_statuses
  std::mutex status_mutex_;
  std::map<int, std::uint64_t> other_statuses_;
};

}  // namespace gauntlet::chaos::netload::detail
