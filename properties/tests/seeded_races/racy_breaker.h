#pragma once
// A small lock-free consecutive-mode circuit breaker (state, counts and the
// failure run in atomics, transitions by compare-exchange), correct except for
// one seeded race, for measuring how often the concurrent properties detect it:
// - kCheckThenActHalfOpen: half-open admission loads the permit count, then
//   increments it, so two callers can both see a permit left;
// - kLostFailureRun: the failure run is a load and a store, so two concurrent
//   failures can count once;
// - kLostPermitCount: the permitted count is a load and a store, so two
//   concurrent grants can count once.
#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>

#include "gauntlet/properties/breaker/adapter.h"

namespace gauntlet::properties::seeded {

enum class BreakerRace { kCheckThenActHalfOpen, kLostFailureRun, kLostPermitCount };

template <BreakerRace R>
class RacyBreaker {
 public:
  using State = breaker::BreakerState;
  struct Permit {
    std::uint64_t generation = 0;
  };

  RacyBreaker(const breaker::BreakerConfig& config, const Clock& clock) : config_(config), clock_(clock) {}

  std::optional<Permit> try_acquire() {
    attempted_.fetch_add(1);
    if (state_.load() == kOpen && clock_.now_ns() - opened_at_.load() >= config_.open_wait) move(kOpen, kHalfOpen);
    const std::uint64_t generation = generation_.load();
    const int state = state_.load();
    if (state == kClosed) return grant(generation);
    if (state == kHalfOpen) {
      if constexpr (R == BreakerRace::kCheckThenActHalfOpen) {
        if (half_open_granted_.load() < config_.half_open_permits) {  // the seeded race: check, then act
          half_open_granted_.fetch_add(1);
          return grant(generation);
        }
      } else {
        for (int granted = half_open_granted_.load(); granted < config_.half_open_permits;) {
          if (half_open_granted_.compare_exchange_weak(granted, granted + 1)) return grant(generation);
        }
      }
    }
    rejected_.fetch_add(1);
    return std::nullopt;
  }

  void complete(const Permit& permit, bool failed) {
    if (failed) failures_.fetch_add(1);
    if (permit.generation != generation_.load()) return;
    const int state = state_.load();
    if (state == kHalfOpen) {
      if (failed) {
        move(kHalfOpen, kOpen);
      } else if (half_open_successes_.fetch_add(1) + 1 >= config_.half_open_permits) {
        move(kHalfOpen, kClosed);
      }
      return;
    }
    if (state != kClosed) return;
    if (!failed) {
      run_.store(0);
      return;
    }
    int run = 0;
    if constexpr (R == BreakerRace::kLostFailureRun) {
      run = run_.load() + 1;  // the seeded race: read-modify-write as a load and a store
      run_.store(run);
    } else {
      run = run_.fetch_add(1) + 1;
    }
    if (run >= config_.failure_threshold) move(kClosed, kOpen);
  }

  State state() const {
    const int s = state_.load();
    return s == kClosed ? State::kClosed : s == kHalfOpen ? State::kHalfOpen : State::kOpen;
  }
  breaker::BreakerCounts counts() const {
    return {attempted_.load(), permitted_.load(), rejected_.load(), failures_.load()};
  }

 private:
  enum : int { kClosed, kOpen, kHalfOpen, kMoving };

  std::optional<Permit> grant(std::uint64_t generation) {
    if constexpr (R == BreakerRace::kLostPermitCount) {
      permitted_.store(permitted_.load() + 1);  // the seeded race: a count kept with a load and a store
    } else {
      permitted_.fetch_add(1);
    }
    return Permit{generation};
  }
  // One caller wins the compare-exchange and resets the entry; the others
  // wait the few instructions until it publishes the new state.
  void move(int from, int to) {
    int expected = from;
    if (!state_.compare_exchange_strong(expected, kMoving)) {
      while (state_.load() == kMoving) {
      }
      return;
    }
    run_.store(0);
    half_open_granted_.store(0);
    half_open_successes_.store(0);
    if (to == kOpen) opened_at_.store(clock_.now_ns());
    generation_.fetch_add(1);
    state_.store(to);
  }

  breaker::BreakerConfig config_;
  const Clock& clock_;
  std::atomic<int> state_{kClosed};
  std::atomic<std::uint64_t> generation_{0};
  std::atomic<Nanos> opened_at_{0};
  std::atomic<int> run_{0};
  std::atomic<int> half_open_granted_{0};
  std::atomic<int> half_open_successes_{0};
  std::atomic<std::int64_t> attempted_{0}, permitted_{0}, rejected_{0}, failures_{0};
};

template <BreakerRace R>
struct RacyBreakerAdapter {
  using Breaker = RacyBreaker<R>;
  using Permit = typename Breaker::Permit;
  static breaker::BreakerCapabilities capabilities() {
    return {.consecutive_mode = true, .rate_mode = false, .slow_calls = false, .forced_states = false};
  }
  static std::unique_ptr<Breaker> make(const breaker::BreakerConfig& c, ManualClock& clock) {
    return std::make_unique<Breaker>(c, clock);
  }
  static std::optional<Permit> try_acquire(Breaker& b) { return b.try_acquire(); }
  static void complete(Breaker& b, Permit& p, breaker::CallOutcome outcome, Nanos) {
    b.complete(p, outcome == breaker::CallOutcome::kFailure);
  }
  static breaker::BreakerState state(Breaker& b) { return b.state(); }
  static breaker::BreakerCounts counts(Breaker& b) { return b.counts(); }
  static void force_open(Breaker&) {}
  static void force_closed(Breaker&) {}
};

}  // namespace gauntlet::properties::seeded
