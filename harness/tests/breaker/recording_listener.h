#pragma once
// A listener that keeps every transition it is given, for assertions.
#include "gauntlet/harness/breaker/circuit_breaker.h"

#include <gtest/gtest.h>

#include <memory>
#include <mutex>
#include <vector>

namespace gauntlet::breaker::testing {

class RecordingListener {
 public:
  explicit RecordingListener(CircuitBreaker& breaker) : breaker_(breaker) {
    id_ = breaker.add_listener([this](const StateTransition& event) {
      std::lock_guard lock(mutex_);
      events_.push_back(event);
    });
  }
  ~RecordingListener() { breaker_.remove_listener(id_); }
  RecordingListener(const RecordingListener&) = delete;
  RecordingListener& operator=(const RecordingListener&) = delete;

  std::vector<StateTransition> events() const {
    std::lock_guard lock(mutex_);
    return events_;
  }

 private:
  CircuitBreaker& breaker_;
  CircuitBreaker::ListenerId id_ = 0;
  mutable std::mutex mutex_;
  std::vector<StateTransition> events_;
};

/// A breaker that must be valid; fails the test otherwise.
inline std::unique_ptr<CircuitBreaker> make_breaker(BreakerConfig config, Clock& clock) {
  auto created = CircuitBreaker::create("test", std::move(config), clock);
  EXPECT_TRUE(created.ok()) << created.error().to_string();
  return std::move(created).value();
}

/// Acquires a permit and records one outcome; false if it was rejected.
inline bool record(CircuitBreaker& breaker, bool success, Nanos duration = 0) {
  Permit permit = breaker.try_acquire();
  if (!permit) return false;
  if (success) {
    permit.record_success(duration);
  } else {
    permit.record_failure(duration);
  }
  return true;
}

}  // namespace gauntlet::breaker::testing
