#pragma once
/// Exports a breaker into a metrics::Registry. The breaker core knows nothing
/// of the registry; this adapter listens to its transitions and copies its
/// counters.
#include "gauntlet/harness/breaker/circuit_breaker.h"
#include "gauntlet/harness/error.h"
#include "gauntlet/harness/metrics/registry.h"

#include <array>
#include <cstdint>
#include <memory>
#include <mutex>

namespace gauntlet::breaker {

/// Series, all labelled `breaker="<name>"`:
///   gauntlet_breaker_state                     gauge: state_gauge_value (0 CLOSED,
///                                              1 OPEN, 2 HALF_OPEN, 3 DISABLED, 4 FORCED_OPEN)
///   gauntlet_breaker_calls_total{outcome}      counter; outcomes success, slow_success,
///                                              failure, slow_failure, ignored, released,
///                                              rejected are disjoint and sum to attempted
///   gauntlet_breaker_transitions_total{from,to} counter, state names as in to_string
///   gauntlet_breaker_last_recovery_seconds     gauge: last outage length (0 before any)
/// State and transitions are updated as transitions happen; call counters
/// when `update()` runs (on every transition, and before a scrape).
class MetricsBinding {
 public:
  ~MetricsBinding();
  MetricsBinding(const MetricsBinding&) = delete;
  MetricsBinding& operator=(const MetricsBinding&) = delete;

  /// Copies the breaker's counters into the registry's call counters.
  void update();

 private:
  friend Result<std::unique_ptr<MetricsBinding>> bind_metrics(CircuitBreaker& breaker, metrics::Registry& registry);
  static constexpr std::size_t kOutcomes = 7;
  MetricsBinding(CircuitBreaker& breaker, metrics::Family<metrics::Counter>& transitions);
  void on_transition(const StateTransition& event);

  CircuitBreaker& breaker_;
  metrics::Family<metrics::Counter>& transitions_;
  metrics::Gauge* state_ = nullptr;
  metrics::Gauge* last_recovery_ = nullptr;
  std::array<metrics::Counter*, kOutcomes> calls_{};
  std::array<std::uint64_t, kOutcomes> exported_{};
  std::mutex mutex_;
  CircuitBreaker::ListenerId listener_ = 0;
};

/// Registers the families (idempotent across breakers) and binds `breaker`.
/// Both must outlive the binding. Errors from the registry (kAlreadyExists
/// when a family of the same name has another shape) are passed on.
Result<std::unique_ptr<MetricsBinding>> bind_metrics(CircuitBreaker& breaker, metrics::Registry& registry);

}  // namespace gauntlet::breaker
