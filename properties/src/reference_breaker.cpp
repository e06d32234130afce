#include "gauntlet/properties/breaker/reference_breaker.h"

namespace gauntlet::properties::breaker {

bool ReferenceBreaker::open_wait_elapsed(Nanos now) const noexcept {
  return state_ == BreakerState::kOpen && now - opened_at_ >= config_.open_wait;
}

bool ReferenceBreaker::accepts_state(BreakerState observed, Nanos now) const noexcept {
  return observed == state_ || (observed == BreakerState::kHalfOpen && open_wait_elapsed(now));
}

void ReferenceBreaker::transition(BreakerState to, Nanos now) {
  state_ = to;
  ++generation_;
  consecutive_bad_ = 0;
  window_.clear();
  half_open_granted_ = 0;
  half_open_results_.clear();
  if (to == BreakerState::kOpen) opened_at_ = now;
}

std::optional<ReferencePermit> ReferenceBreaker::try_acquire(Nanos now) {
  ++counts_.attempted;
  if (open_wait_elapsed(now)) transition(BreakerState::kHalfOpen, now);
  bool admit = false;
  switch (state_) {
    case BreakerState::kClosed:
      admit = true;
      break;
    case BreakerState::kOpen:
      admit = false;
      break;
    case BreakerState::kHalfOpen:
      admit = half_open_granted_ < config_.half_open_permits;
      if (admit) ++half_open_granted_;
      break;
  }
  if (!admit) {
    ++counts_.rejected;
    return std::nullopt;
  }
  ++counts_.permitted;
  return ReferencePermit{generation_, now};
}

bool ReferenceBreaker::rates_trip(const std::deque<Recorded>& results) const {
  int failed = 0;
  int slow = 0;
  for (const auto& r : results) {
    failed += r.failed ? 1 : 0;
    slow += r.slow ? 1 : 0;
  }
  const auto n = static_cast<int>(results.size());
  return failed * 100 >= config_.failure_rate_threshold * n || slow * 100 >= config_.slow_rate_threshold * n;
}

void ReferenceBreaker::record_closed(Recorded r, Nanos now) {
  if (config_.mode == BreakerMode::kConsecutive) {
    consecutive_bad_ = r.failed ? consecutive_bad_ + 1 : 0;
    if (consecutive_bad_ >= config_.failure_threshold) transition(BreakerState::kOpen, now);
    return;
  }
  window_.push_back(r);
  if (static_cast<int>(window_.size()) > config_.window_size) window_.pop_front();
  if (static_cast<int>(window_.size()) >= config_.minimum_calls && rates_trip(window_)) {
    transition(BreakerState::kOpen, now);
  }
}

void ReferenceBreaker::record_half_open(Recorded r, Nanos now) {
  half_open_results_.push_back(r);
  if (config_.mode == BreakerMode::kConsecutive && r.failed) {
    transition(BreakerState::kOpen, now);
    return;
  }
  if (static_cast<int>(half_open_results_.size()) < config_.half_open_permits) return;
  const bool reopen = config_.mode == BreakerMode::kConsecutive ? false : rates_trip(half_open_results_);
  transition(reopen ? BreakerState::kOpen : BreakerState::kClosed, now);
}

void ReferenceBreaker::complete(const ReferencePermit& permit, CallOutcome outcome, Nanos now) {
  if (outcome == CallOutcome::kFailure) ++counts_.failures;
  if (permit.generation != generation_) return;  // stale: never judged
  const bool slow = config_.mode == BreakerMode::kRate && now - permit.started >= config_.slow_call_duration;
  const Recorded r{outcome == CallOutcome::kFailure, slow};
  if (state_ == BreakerState::kClosed) {
    record_closed(r, now);
  } else if (state_ == BreakerState::kHalfOpen) {
    record_half_open(r, now);
  }
}

void ReferenceBreaker::force_open(Nanos now) {
  if (state_ != BreakerState::kOpen) transition(BreakerState::kOpen, now);
}
void ReferenceBreaker::force_closed() {
  if (state_ != BreakerState::kClosed) transition(BreakerState::kClosed, 0);
}

}  // namespace gauntlet::properties::breaker
