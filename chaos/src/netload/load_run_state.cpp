#include "load_run_state.h"

#include <algorithm>
#include <cmath>

namespace gauntlet::chaos::netload::detail {

namespace {

// Where the time-varying rate is not positive the schedule steps on by this.
constexpr Nanos kIdleStep = kNanosPerMilli;

// Offset of send k from the start at a fixed rate.
Nanos fixed_offset(std::uint64_t k, double rate) { return static_cast<Nanos>(static_cast<double>(k) * 1e9 / rate); }

}  // namespace

LoadRunState::LoadRunState(const NetLoadSpec& spec, Clock& clock) : spec_(spec), clock_(clock), mix_(spec) {
  bins_ = static_cast<std::size_t>(spec.duration_ns / spec.sample_interval_ns) + 2;
  bins_completed_ = std::make_unique<std::atomic<std::uint64_t>[]>(bins_);
  bins_failed_ = std::make_unique<std::atomic<std::uint64_t>[]>(bins_);
  status_slots_ = std::make_unique<std::atomic<std::uint64_t>[]>(kStatusSlots);
  for (const auto& [lo, hi] : spec.ok_statuses) {
    for (int s = std::max(lo, 0); s <= std::min(hi, kStatusSlots - 1); ++s)
      ok_status_[static_cast<std::size_t>(s)] = true;
  }
}

void LoadRunState::start() {
  start_ = clock_.now_ns();
  end_ = start_ + spec_.duration_ns;
  schedule_next_ = start_;
  if (spec_.on_start) spec_.on_start(start_);
}

std::optional<Ticket> LoadRunState::next_request() {
  const Nanos now = clock_.now_ns();
  if (now >= end_) return std::nullopt;
  if (spec_.loop == LoadLoop::kOpen && spec_.rate_at) {
    std::lock_guard lock(schedule_mutex_);
    if (spec_.max_requests != 0 && scheduled_ >= spec_.max_requests) return std::nullopt;
    const std::optional<Nanos> intended = advance_schedule();
    if (!intended) return std::nullopt;
    return Ticket{scheduled_++, *intended};
  }
  const std::uint64_t k = tickets_.fetch_add(1, std::memory_order_relaxed);
  if (spec_.max_requests != 0 && k >= spec_.max_requests) return std::nullopt;
  if (spec_.loop == LoadLoop::kClosed) return Ticket{k, now};
  const Nanos intended = start_ + fixed_offset(k, spec_.rate);
  if (intended >= end_) return std::nullopt;
  return Ticket{k, intended};
}

std::optional<Nanos> LoadRunState::advance_schedule() {
  while (schedule_next_ < end_) {
    const Nanos t = schedule_next_;
    const double rate = spec_.rate_at(t - start_);
    if (!(rate > 0)) {  // also NaN
      schedule_next_ += kIdleStep;
      continue;
    }
    schedule_next_ = t + std::max<Nanos>(1, static_cast<Nanos>(1e9 / std::min(rate, kMaxNetLoadRate)));
    return t;
  }
  return std::nullopt;
}

void LoadRunState::add_to_timeline(Nanos done, bool failed) {
  const auto bin = std::min<std::size_t>(
      static_cast<std::size_t>(std::max<Nanos>(0, done - start_) / spec_.sample_interval_ns), bins_ - 1);
  bins_completed_[bin].fetch_add(1, std::memory_order_relaxed);
  if (failed) bins_failed_[bin].fetch_add(1, std::memory_order_relaxed);
}

void LoadRunState::record(const RequestOutcome& outcome, std::size_t bytes) {
  (outcome.ok ? succeeded_ : failed_).fetch_add(1, std::memory_order_relaxed);
  if (outcome.failure == RequestOutcome::Failure::kTimeout) timeouts_.fetch_add(1, std::memory_order_relaxed);
  if (outcome.failure == RequestOutcome::Failure::kConnection)
    connection_errors_.fetch_add(1, std::memory_order_relaxed);
  bytes_.fetch_add(bytes, std::memory_order_relaxed);
  latency_.record(static_cast<double>(outcome.done - outcome.intended));
  // Service time only for complete replies (as before: failures have none).
  if (outcome.ok || outcome.failure == RequestOutcome::Failure::kStatus) {
    service_.record(static_cast<double>(outcome.done - outcome.sent));
  }
  add_to_timeline(outcome.done, !outcome.ok);
  if (spec_.on_complete) spec_.on_complete(outcome);
}

void LoadRunState::http_reply(Nanos intended, Nanos sent, Nanos done, int status, std::size_t bytes) {
  const bool ok = status >= 0 && status < kStatusSlots && ok_status_[static_cast<std::size_t>(status)];
  if (status >= 0 && status < kStatusSlots) {
    status_slots_[static_cast<std::size_t>(status)].fetch_add(1, std::memory_order_relaxed);
  } else {
    std::lock_guard lock(status_mutex_);
    ++other_statuses_[status];
  }
  record({intended, sent, done, status, ok, ok ? RequestOutcome::Failure::kNone : RequestOutcome::Failure::kStatus},
         bytes);
}

void LoadRunState::raw_reply(Nanos intended, Nanos sent, Nanos done, bool expected, std::size_t bytes) {
  record(
      {intended, sent, done, 0, expected, expected ? RequestOutcome::Failure::kNone : RequestOutcome::Failure::kStatus},
      bytes);
}

void LoadRunState::failed(Nanos intended, Nanos sent, Nanos done, bool timeout) {
  record({intended, sent, done, 0, false,
          timeout ? RequestOutcome::Failure::kTimeout : RequestOutcome::Failure::kConnection},
         0);
}

std::uint64_t LoadRunState::count_not_sent() {
  if (spec_.loop != LoadLoop::kOpen) return 0;
  const std::uint64_t sent = sent_.load();
  if (spec_.rate_at) {
    // Every ticket taken was sent; the rest of the schedule was due.
    std::lock_guard lock(schedule_mutex_);
    std::uint64_t rest = 0;
    while ((spec_.max_requests == 0 || scheduled_ + rest < spec_.max_requests) && advance_schedule()) ++rest;
    return rest;
  }
  // Sends k = 0 .. due-1 fall before the end: the first k at or past it, by
  // the same arithmetic as next_request().
  auto due = static_cast<std::uint64_t>(std::ceil(to_seconds(spec_.duration_ns) * spec_.rate));
  while (due > 0 && fixed_offset(due - 1, spec_.rate) >= spec_.duration_ns) --due;
  while (fixed_offset(due, spec_.rate) < spec_.duration_ns) ++due;
  if (spec_.max_requests != 0) due = std::min(due, spec_.max_requests);
  return due > sent ? due - sent : 0;
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
  r.connection_errors = connection_errors_.load();
  r.bytes_received = bytes_.load();
  r.status_counts = other_statuses_;
  for (int status = 0; status < kStatusSlots; ++status) {
    const std::uint64_t count = status_slots_[static_cast<std::size_t>(status)].load();
    if (count != 0) r.status_counts[status] = count;
  }
  r.elapsed_ns = std::max<Nanos>(1, std::min(finished, end_) - start_);
  r.requests_per_second = static_cast<double>(r.succeeded + r.failed) / to_seconds(r.elapsed_ns);
  r.not_sent = count_not_sent();
  const std::size_t used =
      std::min<std::size_t>(bins_, static_cast<std::size_t>(r.elapsed_ns / spec_.sample_interval_ns) + 1);
  for (std::size_t i = 0; i < used; ++i) {
    r.timeline.push_back(
        {static_cast<Nanos>(i + 1) * spec_.sample_interval_ns, bins_completed_[i].load(), bins_failed_[i].load()});
  }
  if (r.not_sent > 0 && spec_.on_not_sent) spec_.on_not_sent(r.not_sent);
  return r;
}

}  // namespace gauntlet::chaos::netload::detail
