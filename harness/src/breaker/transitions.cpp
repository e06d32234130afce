// State entries: what each transition resets, and the manual transitions.
#include "slow_state.h"

#include <limits>

namespace gauntlet::breaker {
namespace detail {

void SlowState::enter(CircuitBreaker& breaker, State to, TransitionReason reason, double failure_rate,
                      double slow_call_rate) {
  const std::uint64_t word = breaker.state_word_.load(std::memory_order_relaxed);
  const auto from = static_cast<State>(word & CircuitBreaker::kStateMask);
  const std::uint64_t generation = (word >> CircuitBreaker::kGenerationShift) + 1;
  const Nanos now = breaker.clock_.now_ns();
  StateTransition event{from, to, reason, now, generation, failure_rate, slow_call_rate, std::nullopt};

  const BreakerConfig& config = breaker.config_;
  const std::uint64_t tag = to == State::kClosed ? CircuitBreaker::closed_tag(generation) : (generation & 0x7fff);
  if (to == State::kClosed) {
    count_window.reset(static_cast<std::uint64_t>(config.window_size),
                       static_cast<std::uint64_t>(config.minimum_calls));
    if (config.window_type == SlidingWindowType::kTimeBased) {
      time_window.reset(config.window_size, static_cast<std::uint64_t>(config.minimum_calls));
    }
    breaker.consecutive_failures_.store(0, std::memory_order_relaxed);
    breaker.closed_min_reached_.store(false, std::memory_order_relaxed);
  }
  // Retire the counter word of the entry being left; results racing with
  // this exchange see a foreign tag and are counted as stale.
  const std::uint64_t old = breaker.closed_calls_.exchange(tag << CircuitBreaker::kTagShift, std::memory_order_acq_rel);
  if (((old >> CircuitBreaker::kTagShift) & 0x8000) != 0) closed_folded += old & CircuitBreaker::kCountMask;

  switch (to) {
    case State::kClosed:
      if (outage_start) {
        const Nanos recovery = now - *outage_start;
        ++recoveries;
        last_recovery = recovery;
        if (recovery > max_recovery) max_recovery = recovery;
        event.recovery_ns = recovery;
        outage_start.reset();
      }
      open_attempts = 0;
      break;
    case State::kOpen: {
      open_attempts = from == State::kHalfOpen ? open_attempts + 1 : 1;
      const Nanos wait = config.wait_for_attempt(open_attempts);
      const Nanos until =
          wait > std::numeric_limits<Nanos>::max() - now ? std::numeric_limits<Nanos>::max() : now + wait;
      open_until.store(until, std::memory_order_relaxed);
      if (!outage_start) outage_start = now;
      break;
    }
    case State::kHalfOpen:
      half_open_left = config.permitted_calls_in_half_open;
      half_open_calls = half_open_failures = half_open_slow = half_open_successes = 0;
      half_open_since = now;
      break;
    case State::kDisabled:
      outage_start.reset();  // nothing is judged, so no recovery is measured across it
      break;
    case State::kForcedOpen:
      break;
  }
  ++transitions;
  breaker.state_word_.store((generation << CircuitBreaker::kGenerationShift) | static_cast<std::uint64_t>(to),
                            std::memory_order_release);
  pending.push_back(event);
}

bool SlowState::half_open_expired(const CircuitBreaker& breaker, Nanos now) const noexcept {
  const Nanos max_wait = breaker.config_.max_wait_in_half_open;
  return max_wait > 0 && now - half_open_since >= max_wait;
}

void SlowState::judge_closed(CircuitBreaker& breaker) {
  const BreakerConfig& config = breaker.config_;
  WindowRates rates;
  if (config.window_type == SlidingWindowType::kTimeBased) {
    rates = time_window.rates(breaker.clock_.now_ns());
  } else {
    rates = count_window.rates(breaker.closed_calls_.load(std::memory_order_relaxed) & CircuitBreaker::kCountMask);
    if (rates.judged()) breaker.closed_min_reached_.store(true, std::memory_order_relaxed);
  }
  if (!rates.judged()) return;
  if (rates.failure_rate >= config.failure_rate_threshold) {
    enter(breaker, State::kOpen, TransitionReason::kFailureRateExceeded, rates.failure_rate, rates.slow_call_rate);
  } else if (rates.slow_call_rate >= config.slow_call_rate_threshold) {
    enter(breaker, State::kOpen, TransitionReason::kSlowCallRateExceeded, rates.failure_rate, rates.slow_call_rate);
  }
}

}  // namespace detail

namespace {
bool manual(CircuitBreaker& breaker, detail::SlowState& slow, State to) {
  detail::Locked locked(slow);
  if (breaker.state() == to) return false;
  slow.enter(breaker, to, TransitionReason::kManual);
  return true;
}
}  // namespace

bool CircuitBreaker::transition_to_closed() { return manual(*this, *slow_, State::kClosed); }
bool CircuitBreaker::transition_to_open() { return manual(*this, *slow_, State::kOpen); }
bool CircuitBreaker::transition_to_half_open() { return manual(*this, *slow_, State::kHalfOpen); }
bool CircuitBreaker::transition_to_disabled() { return manual(*this, *slow_, State::kDisabled); }
bool CircuitBreaker::transition_to_forced_open() { return manual(*this, *slow_, State::kForcedOpen); }

void CircuitBreaker::reset() {
  detail::Locked locked(*slow_);
  slow_->enter(*this, State::kClosed, TransitionReason::kReset);
}

State CircuitBreaker::poll() {
  detail::Locked locked(*slow_);
  const Nanos now = clock_.now_ns();
  if (state() == State::kOpen && config_.automatic_transition_from_open_to_half_open &&
      now >= slow_->open_until.load(std::memory_order_relaxed)) {
    slow_->enter(*this, State::kHalfOpen, TransitionReason::kWaitElapsed);
  }
  if (state() == State::kHalfOpen && slow_->half_open_expired(*this, now)) {
    slow_->enter(*this, State::kOpen, TransitionReason::kHalfOpenTimeout);
  }
  return state();
}

}  // namespace gauntlet::breaker
