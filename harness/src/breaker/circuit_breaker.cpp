// Permission and outcome recording off the CLOSED fast path, and stats.
#include "gauntlet/harness/breaker/circuit_breaker.h"

#include "slow_state.h"

#include <algorithm>
#include <limits>

namespace gauntlet::breaker {
namespace {
constexpr State state_of(std::uint64_t word) noexcept { return static_cast<State>(word & 0xff); }
}  // namespace

Result<std::unique_ptr<CircuitBreaker>> CircuitBreaker::create(std::string name, BreakerConfig config, Clock& clock) {
  if (Status status = config.validate(); !status.ok()) return status.error().with_context("breaker '" + name + "'");
  return std::unique_ptr<CircuitBreaker>(new CircuitBreaker(std::move(name), std::move(config), clock));
}

CircuitBreaker::CircuitBreaker(std::string name, BreakerConfig config, Clock& clock)
    : state_word_((std::uint64_t{1} << kGenerationShift) | static_cast<std::uint64_t>(State::kClosed)),
      fast_success_(config.policy == TripPolicy::kConsecutiveFailures ||
                    config.window_type == SlidingWindowType::kCountBased),
      consecutive_(config.policy == TripPolicy::kConsecutiveFailures),
      slow_threshold_ns_(consecutive_ ? std::numeric_limits<Nanos>::max() : config.slow_call_duration),
      min_calls_(static_cast<std::uint64_t>(config.window_type == SlidingWindowType::kCountBased
                                                ? std::min(config.minimum_calls, config.window_size)
                                                : config.minimum_calls)),
      closed_calls_(closed_tag(1) << kTagShift),
      name_(std::move(name)),
      config_(std::move(config)),
      clock_(clock),
      slow_(std::make_unique<detail::SlowState>()) {
  slow_->count_window.reset(static_cast<std::uint64_t>(config_.window_size),
                            static_cast<std::uint64_t>(config_.minimum_calls));
  if (config_.window_type == SlidingWindowType::kTimeBased) {
    slow_->time_window.reset(config_.window_size, static_cast<std::uint64_t>(config_.minimum_calls));
  }
}

CircuitBreaker::~CircuitBreaker() = default;

Permit CircuitBreaker::acquire_slow() noexcept {
  detail::SlowState& slow = *slow_;
  const std::uint64_t word = state_word_.load(std::memory_order_acquire);
  switch (state_of(word)) {
    case State::kDisabled:
      return Permit(this, word >> kGenerationShift, State::kDisabled);
    case State::kForcedOpen:
      slow.rejected.fetch_add(1, std::memory_order_relaxed);
      return Permit(State::kForcedOpen);
    case State::kOpen:
      if (clock_.now_ns() < slow.open_until.load(std::memory_order_relaxed)) {
        slow.rejected.fetch_add(1, std::memory_order_relaxed);
        return Permit(State::kOpen);
      }
      break;
    default:
      break;
  }
  detail::Locked locked(slow);
  const Nanos now = clock_.now_ns();
  if (state() == State::kOpen && now >= slow.open_until.load(std::memory_order_relaxed)) {
    slow.enter(*this, State::kHalfOpen, TransitionReason::kWaitElapsed);
  }
  if (state() == State::kHalfOpen && slow.half_open_expired(*this, now)) {
    slow.enter(*this, State::kOpen, TransitionReason::kHalfOpenTimeout);
  }
  const std::uint64_t current = state_word_.load(std::memory_order_relaxed);
  const State state_now = state_of(current);
  if (state_now == State::kClosed || state_now == State::kDisabled) {
    return Permit(this, current >> kGenerationShift, state_now);
  }
  if (state_now == State::kHalfOpen && slow.half_open_left > 0) {
    --slow.half_open_left;
    return Permit(this, current >> kGenerationShift, State::kHalfOpen);
  }
  slow.rejected.fetch_add(1, std::memory_order_relaxed);
  return Permit(state_now);
}

void detail::SlowState::count_unjudged(CircuitBreaker::Outcome outcome, bool slow) noexcept {
  switch (outcome) {
    case CircuitBreaker::Outcome::kSuccess:
      other_successes.fetch_add(1, std::memory_order_relaxed);
      if (slow) slow_successes.fetch_add(1, std::memory_order_relaxed);
      break;
    case CircuitBreaker::Outcome::kFailure:
      other_failures.fetch_add(1, std::memory_order_relaxed);
      if (slow) slow_failures.fetch_add(1, std::memory_order_relaxed);
      break;
    case CircuitBreaker::Outcome::kIgnored:
      ignored.fetch_add(1, std::memory_order_relaxed);
      break;
    case CircuitBreaker::Outcome::kReleased:
      released.fetch_add(1, std::memory_order_relaxed);
      break;
  }
}

void CircuitBreaker::closed_success_slow(std::uint64_t generation) noexcept {
  detail::Locked locked(*slow_);
  if (state_word_.load(std::memory_order_relaxed) >> kGenerationShift != generation) return;
  if (consecutive_) {
    consecutive_failures_.store(0, std::memory_order_relaxed);
  } else {
    slow_->judge_closed(*this);
  }
}

void CircuitBreaker::stray_success(std::uint64_t old_word) noexcept {
  detail::SlowState& slow = *slow_;
  detail::Locked locked(slow);
  const std::uint64_t tag = old_word >> kTagShift;
  slow.stale.fetch_add(1, std::memory_order_relaxed);
  if ((closed_calls_.load(std::memory_order_relaxed) >> kTagShift) == tag && (tag & 0x8000) != 0) {
    closed_calls_.fetch_sub(1, std::memory_order_relaxed);  // a later CLOSED entry: undo
  } else if ((tag & 0x8000) != 0) {
    return;  // an earlier CLOSED entry, already folded into the totals
  }
  slow.other_successes.fetch_add(1, std::memory_order_relaxed);
}

void CircuitBreaker::record_slow(std::uint64_t generation, State admitted, Outcome outcome, Nanos duration) noexcept {
  detail::SlowState& slow = *slow_;
  const bool judged = outcome == Outcome::kSuccess || outcome == Outcome::kFailure;
  const bool is_slow = judged && duration >= slow_threshold_ns_;
  if (!judged && admitted == State::kClosed) {
    // Give-backs in CLOSED change no window: no lock.
    (outcome == Outcome::kIgnored ? slow.ignored : slow.released).fetch_add(1, std::memory_order_relaxed);
    return;
  }
  if (admitted == State::kDisabled) {
    if (judged && this->generation() != generation) slow.stale.fetch_add(1, std::memory_order_relaxed);
    slow.count_unjudged(outcome, is_slow);
    return;
  }
  detail::Locked locked(slow);
  if (state() == State::kHalfOpen && slow.half_open_expired(*this, clock_.now_ns())) {
    slow.enter(*this, State::kOpen, TransitionReason::kHalfOpenTimeout);
  }
  if (this->generation() != generation) {
    if (judged) slow.stale.fetch_add(1, std::memory_order_relaxed);
    slow.count_unjudged(outcome, is_slow);
    return;
  }
  const bool failed = outcome == Outcome::kFailure;
  if (admitted == State::kHalfOpen) {
    if (!judged) {
      ++slow.half_open_left;  // admit another probe in its place
      slow.count_unjudged(outcome, false);
      return;
    }
    slow.count_unjudged(outcome, is_slow);
    ++slow.half_open_calls;
    if (failed) ++slow.half_open_failures;
    if (is_slow) ++slow.half_open_slow;
    if (consecutive_) {
      if (failed) {
        slow.enter(*this, State::kOpen, TransitionReason::kConsecutiveFailures);
      } else if (++slow.half_open_successes >= static_cast<std::uint64_t>(config_.consecutive_successes_to_close)) {
        slow.enter(*this, State::kClosed, TransitionReason::kProbesSucceeded);
      }
      return;
    }
    const auto permitted = static_cast<std::uint64_t>(config_.permitted_calls_in_half_open);
    if (slow.half_open_calls < permitted) return;
    const detail::WindowRates rates =
        detail::judge(slow.half_open_calls, slow.half_open_failures, slow.half_open_slow, permitted);
    if (rates.failure_rate >= config_.failure_rate_threshold) {
      slow.enter(*this, State::kOpen, TransitionReason::kFailureRateExceeded, rates.failure_rate, rates.slow_call_rate);
    } else if (rates.slow_call_rate >= config_.slow_call_rate_threshold) {
      slow.enter(*this, State::kOpen, TransitionReason::kSlowCallRateExceeded, rates.failure_rate,
                 rates.slow_call_rate);
    } else {
      slow.enter(*this, State::kClosed, TransitionReason::kProbesSucceeded, rates.failure_rate, rates.slow_call_rate);
    }
    return;
  }
  // CLOSED, same entry.
  if (!judged) {
    slow.count_unjudged(outcome, false);
    return;
  }
  const std::uint64_t seq = closed_calls_.fetch_add(1, std::memory_order_relaxed) & kCountMask;
  if (failed) {
    ++slow.closed_failures;
    if (is_slow) slow.slow_failures.fetch_add(1, std::memory_order_relaxed);
  } else if (is_slow) {
    slow.slow_successes.fetch_add(1, std::memory_order_relaxed);
  }
  if (consecutive_) {
    if (!failed) {
      consecutive_failures_.store(0, std::memory_order_relaxed);
      return;
    }
    const std::uint32_t run = consecutive_failures_.load(std::memory_order_relaxed) + 1;
    consecutive_failures_.store(run, std::memory_order_relaxed);
    if (run >= static_cast<std::uint32_t>(config_.consecutive_failures_to_open)) {
      slow.enter(*this, State::kOpen, TransitionReason::kConsecutiveFailures);
    }
    return;
  }
  if (config_.window_type == SlidingWindowType::kTimeBased) {
    slow.time_window.add(clock_.now_ns(), failed, is_slow);
  } else {
    slow.count_window.add(seq, failed, is_slow);
  }
  slow.judge_closed(*this);
}

BreakerStats CircuitBreaker::stats() const {
  detail::SlowState& slow = *slow_;
  detail::Locked locked(slow);
  BreakerStats out;
  const std::uint64_t word = state_word_.load(std::memory_order_relaxed);
  out.state = state_of(word);
  out.generation = word >> kGenerationShift;
  const std::uint64_t closed_word = closed_calls_.load(std::memory_order_relaxed);
  const std::uint64_t live = ((closed_word >> kTagShift) & 0x8000) != 0 ? closed_word & kCountMask : 0;
  out.rejected = slow.rejected.load(std::memory_order_relaxed);
  out.successes =
      slow.closed_folded + live - slow.closed_failures + slow.other_successes.load(std::memory_order_relaxed);
  out.failures = slow.closed_failures + slow.other_failures.load(std::memory_order_relaxed);
  out.slow_successes = slow.slow_successes.load(std::memory_order_relaxed);
  out.slow_failures = slow.slow_failures.load(std::memory_order_relaxed);
  out.ignored = slow.ignored.load(std::memory_order_relaxed);
  out.released = slow.released.load(std::memory_order_relaxed) + closed_released_.load(std::memory_order_relaxed);
  out.stale = slow.stale.load(std::memory_order_relaxed);
  out.permitted = out.successes + out.failures + out.ignored + out.released;
  out.transitions = slow.transitions;
  detail::WindowRates rates;
  if (out.state == State::kClosed) {
    if (consecutive_) {
      rates.calls = live;
    } else if (config_.window_type == SlidingWindowType::kTimeBased) {
      rates = slow.time_window.rates(clock_.now_ns());
    } else {
      rates = slow.count_window.rates(live);
    }
  } else if (out.state == State::kHalfOpen) {
    rates = detail::judge(slow.half_open_calls, slow.half_open_failures, slow.half_open_slow,
                          static_cast<std::uint64_t>(config_.permitted_calls_in_half_open));
  }
  out.failure_rate = rates.failure_rate;
  out.slow_call_rate = rates.slow_call_rate;
  out.window_calls = rates.calls;
  out.recoveries = slow.recoveries;
  out.last_recovery_ns = slow.last_recovery;
  out.max_recovery_ns = slow.max_recovery;
  return out;
}

std::optional<Nanos> CircuitBreaker::last_recovery_ns() const {
  detail::Locked locked(*slow_);
  return slow_->last_recovery;
}

}  // namespace gauntlet::breaker
