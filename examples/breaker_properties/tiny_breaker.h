#pragma once
// The example's own breaker: opens after N failures in a row, waits, then lets
// K trial calls through; all K succeeding closes it, any failing reopens it.
#include <cstdint>
#include <optional>

#include "gauntlet/harness/clock.h"

namespace tiny {

enum class State { kClosed, kOpen, kHalfOpen };

class Breaker {
 public:
  struct Permit {
    std::uint64_t generation;
  };
  struct Counts {
    std::int64_t attempted = 0, permitted = 0, rejected = 0, failures = 0;
  };

  Breaker(int failure_threshold, gauntlet::Nanos open_wait, int trial_calls, const gauntlet::Clock& clock)
      : threshold_(failure_threshold), open_wait_(open_wait), trials_(trial_calls), clock_(clock) {}

  std::optional<Permit> try_acquire() {
    ++counts_.attempted;
    if (state_ == State::kOpen && clock_.now_ns() - opened_at_ >= open_wait_) move_to(State::kHalfOpen);
    const bool admit = state_ == State::kClosed || (state_ == State::kHalfOpen && granted_ < trials_);
    if (!admit) {
      ++counts_.rejected;
      return std::nullopt;
    }
    if (state_ == State::kHalfOpen) ++granted_;
    ++counts_.permitted;
    return Permit{generation_};
  }

  void complete(const Permit& permit, bool ok) {
    if (!ok) ++counts_.failures;
    if (permit.generation != generation_) return;  // granted before the last state change
    if (state_ == State::kClosed) {
      run_ = ok ? 0 : run_ + 1;
      if (run_ >= threshold_) move_to(State::kOpen);
    } else if (state_ == State::kHalfOpen) {
      if (!ok) {
        move_to(State::kOpen);
      } else if (++succeeded_ == trials_) {
        move_to(State::kClosed);
      }
    }
  }

  State state() const { return state_; }
  Counts counts() const { return counts_; }

 private:
  void move_to(State next) {
    state_ = next;
    ++generation_;
    run_ = granted_ = succeeded_ = 0;
    if (next == State::kOpen) opened_at_ = clock_.now_ns();
  }

  int threshold_;
  gauntlet::Nanos open_wait_;
  int trials_;
  const gauntlet::Clock& clock_;
  State state_ = State::kClosed;
  std::uint64_t generation_ = 0;
  gauntlet::Nanos opened_at_ = 0;
  int run_ = 0, granted_ = 0, succeeded_ = 0;
  Counts counts_;
};

}  // namespace tiny
