#include "gauntlet/harness/breaker/config.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

namespace gauntlet::breaker {
namespace {

Status invalid(const std::string& field, const std::string& rule) {
  return Error(ErrorCode::kInvalidArgument, "breaker config: " + field + " " + rule);
}

bool is_percent(double value) { return value > 0.0 && value <= 100.0; }

}  // namespace

BreakerConfig BreakerConfig::consecutive(int failures, int successes, Nanos wait) {
  BreakerConfig config;
  config.policy = TripPolicy::kConsecutiveFailures;
  config.consecutive_failures_to_open = failures;
  config.consecutive_successes_to_close = successes;
  config.permitted_calls_in_half_open = successes;
  config.wait_in_open = wait;
  return config;
}

Status BreakerConfig::validate() const {
  if (!is_percent(failure_rate_threshold)) return invalid("failure_rate_threshold", "must be in (0, 100]");
  if (!is_percent(slow_call_rate_threshold)) return invalid("slow_call_rate_threshold", "must be in (0, 100]");
  if (slow_call_duration <= 0) return invalid("slow_call_duration", "must be > 0");
  if (window_size < 1) return invalid("window_size", "must be >= 1");
  if (minimum_calls < 1) return invalid("minimum_calls", "must be >= 1");
  if (!wait_function && wait_in_open <= 0) return invalid("wait_in_open", "must be > 0");
  if (max_wait_in_half_open < 0) return invalid("max_wait_in_half_open", "must be >= 0");
  if (policy == TripPolicy::kConsecutiveFailures) {
    if (consecutive_failures_to_open < 1) return invalid("consecutive_failures_to_open", "must be >= 1");
    if (consecutive_successes_to_close < 1) return invalid("consecutive_successes_to_close", "must be >= 1");
    if (permitted_calls_in_half_open < consecutive_successes_to_close) {
      return invalid("permitted_calls_in_half_open", "must be >= consecutive_successes_to_close");
    }
  }
  if (permitted_calls_in_half_open < 1) return invalid("permitted_calls_in_half_open", "must be >= 1");
  return Status::Ok();
}

Nanos BreakerConfig::wait_for_attempt(int attempt) const {
  const Nanos wait = wait_function ? wait_function(std::max(attempt, 1)) : wait_in_open;
  return std::max<Nanos>(wait, 0);
}

WaitFunction exponential_backoff(Nanos initial, double multiplier, Nanos max) {
  return [initial, multiplier = std::max(multiplier, 1.0), max](int attempt) -> Nanos {
    const double wait = static_cast<double>(initial) * std::pow(multiplier, std::max(attempt, 1) - 1);
    if (!(wait < static_cast<double>(max))) return max;
    return static_cast<Nanos>(wait);
  };
}

}  // namespace gauntlet::breaker
