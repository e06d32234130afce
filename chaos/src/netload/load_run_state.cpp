#include "load_run_state.h"

#include <algorithm>
#include <cmath>

namespace gauntlet::chaos::netload::detail {

LoadRunState::LoadRunState(const NetLoadSpec& spec, Clock& clock, std::string request_bytes)
    : spec_(spec), clock_(clock), request_bytes_(std::move(request_bytes)) {
  bins_ = static_cast<std::size_t>(spec.duration_ns / spec.sample_interval_ns) + 2;
  bins_completed_ = std::make_unique<std::atomic<std::uint64_t>[]>(bins_);
  bins_failed_ = std::make_unique<std::atomic<std::uint64_t>[]>(bins_);
  status_slots_ = std::make_unique<std::atomic<std::uint64_t>[]>(kStatusSlots);
}

void LoadRunState::start() {
  start_ = clock_.now_ns();
  end_ = start_ + spec_.duration_ns;
}

std::optional<Nanos> LoadRunState::next_request() {
  const Nanos now = clock_.now_ns();
  if (now >= end_) return std::nullopt;
  const std::uint64_t k = tickets_.fetch_add(1, std::memory_order_relaxed);
  if (spec_.max_requests != 0 && k >= spec_.max_requests) return std::nullopt;
  if (spec_.loop == LoadLoop::kClosed) return now;
  const Nanos intended = start_ + static_cast<Nanos>(static_cast<double>(k) * 1e9 / spec_.rate);
  if (intended >= end_) return std::nullopt;
  return intended;
}

void LoadRunState::add_to_timeline(Nanos done, bool failed) {
  const auto bin = std::min<std::size_t>(static_cast<std::size_t>(std::max<Nanos>(0, done - start_) / spec_.sample_interval_ns),
                                         bins_ - 1);
  bins_completed_[bin].fetch_add(1, std::memory_order_relaxed);
  if (failed) bins_failed_[bin].fetch_add(1, std::memory_order_relaxed);
}

void LoadRunState::completed(Nanos intended, Nanos sent, Nanos done, int status, std::size_t bytes) {
  const bool ok = status >= 200 && status < 300;
  (ok ? succeeded_ : failed_).fetch_add(1, std::memory_order_relaxed);
  bytes_.fetch_add(bytes, std::memory_order_relaxed);
  latency_.record(static_cast<double>(done - intended));
  service_.record(static_cast<double>(done - sent));
  add_to_timeline(done, !ok);
  if (status >= 0 && status < kStatusSlots) {
    status_slots_[static_cast<std::size_t>(status)].fetch_add(1, std::memory_order_relaxed);
    return;
  }
  std::lock_guard lock(status_mutex_);
  ++other_statuses_[status];
}

void LoadRunState::failed(Nanos intended, Nanos done, bool timeout) {
  failed_.fetch_add(1, std::memory_order_relaxed);
  if (timeout) timeouts_.fetch_add(1, std::memory_order_relaxed);
  latency_.record(static_cast<double>(done - intended));
  add_to_timeline(done, true);
}

NetLoadResult LoadRunState::finish() {
  const Nanos finished = clock_.now_ns();
  NetLoadResult r;
  r.latency = latency_.snapshot();
  r.service = service_.snapshot();
  r.sent = sent_.load();
  r.succeeded = succeeded_.load();
  r.failed = failed_.load();
  r.timeouts = timeouts_.load();
  r.bytes_received = bytes_.load();
  r.status_counts = other_statuses_;
  for (int status = 0; status < kStatusSlots; ++status) {
    const std::uint64_t count = status_slots_[static_cast<std::size_t>(status)].load();
    if (count != 0) r.status_counts[status] = count;
  }
  std::uint64_t non_2xx = 0;
  for (const auto& [status, count] : r.status_counts) {
    if (status < 200 || status >= 300) non_2xx += count;
  }
  r.connection_errors = r.failed - r.timeouts - non_2xx;
  r.elapsed_ns = std::max<Nanos>(1, std::min(finished, end_) - start_);
  r.requests_per_second = static_cast<double>(r.succeeded + r.failed) / to_seconds(r.elapsed_ns);
  if (spec_.loop == LoadLoop::kOpen) {
    auto due = static_cast<std::uint64_t>(std::ceil(to_seconds(spec_.duration_ns) * spec_.rate));
    if (spec_.max_requests != 0) due = std::min(due, spec_.max_requests);
    r.not_sent = due > r.sent ? due - r.sent : 0;
  }
  const std::size_t used = std::min<std::size_t>(bins_, static_cast<std::size_t>(r.elapsed_ns / spec_.sample_interval_ns) + 1);
  for (std::size_t i = 0; i < used; ++i) {
    r.timeline.push_back({static_cast<Nanos>(i + 1) * spec_.sample_interval_ns, bins_completed_[i].load(),
                          bins_failed_[i].load()});
  }
  return r;
}

}  // namespace gauntlet::chaos::netload::detail
