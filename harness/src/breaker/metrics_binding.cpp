#include "gauntlet/harness/breaker/metrics_binding.h"

#include <string>

namespace gauntlet::breaker {
namespace {

constexpr std::array<const char*, 7> kOutcomeNames = {"success", "slow_success", "failure", "slow_failure",
                                                      "ignored", "released",     "rejected"};

std::array<std::uint64_t, 7> outcome_counts(const BreakerStats& stats) {
  return {stats.successes - stats.slow_successes,
          stats.slow_successes,
          stats.failures - stats.slow_failures,
          stats.slow_failures,
          stats.ignored,
          stats.released,
          stats.rejected};
}

}  // namespace

MetricsBinding::MetricsBinding(CircuitBreaker& breaker, metrics::Family<metrics::Counter>& transitions)
    : breaker_(breaker), transitions_(transitions) {}

MetricsBinding::~MetricsBinding() {
  if (listener_ != 0) breaker_.remove_listener(listener_);
}

void MetricsBinding::update() {
  const BreakerStats stats = breaker_.stats();
  const auto counts = outcome_counts(stats);
  std::lock_guard lock(mutex_);
  for (std::size_t i = 0; i < kOutcomes; ++i) {
    if (counts[i] > exported_[i]) {
      calls_[i]->inc(counts[i] - exported_[i]);
      exported_[i] = counts[i];
    }
  }
  state_->set(state_gauge_value(stats.state));
  if (stats.last_recovery_ns) last_recovery_->set(to_seconds(*stats.last_recovery_ns));
}

void MetricsBinding::on_transition(const StateTransition& event) {
  auto counter = transitions_.with({{"breaker", breaker_.name()},
                                    {"from", std::string(to_string(event.from))},
                                    {"to", std::string(to_string(event.to))}});
  if (counter.ok()) (*counter)->inc();
  update();
}

Result<std::unique_ptr<MetricsBinding>> bind_metrics(CircuitBreaker& breaker, metrics::Registry& registry) {
  auto state = registry.gauge_family("gauntlet_breaker_state",
                                     "Circuit breaker state: 0 closed, 1 open, 2 half-open, 3 disabled, 4 forced open",
                                     {"breaker"});
  if (!state.ok()) return std::move(state).error();
  auto calls = registry.counter_family("gauntlet_breaker_calls_total", "Calls through a circuit breaker by outcome",
                                       {"breaker", "outcome"});
  if (!calls.ok()) return std::move(calls).error();
  auto transitions = registry.counter_family("gauntlet_breaker_transitions_total", "Circuit breaker state transitions",
                                             {"breaker", "from", "to"});
  if (!transitions.ok()) return std::move(transitions).error();
  auto recovery = registry.gauge_family("gauntlet_breaker_last_recovery_seconds",
                                        "Length of the last outage, from entering OPEN to CLOSED", {"breaker"});
  if (!recovery.ok()) return std::move(recovery).error();

  std::unique_ptr<MetricsBinding> binding(new MetricsBinding(breaker, **transitions));
  const metrics::Labels labels = {{"breaker", breaker.name()}};
  auto state_series = (*state)->with(labels);
  if (!state_series.ok()) return std::move(state_series).error();
  binding->state_ = *state_series;
  auto recovery_series = (*recovery)->with(labels);
  if (!recovery_series.ok()) return std::move(recovery_series).error();
  binding->last_recovery_ = *recovery_series;
  for (std::size_t i = 0; i < kOutcomeNames.size(); ++i) {
    auto series = (*calls)->with({{"breaker", breaker.name()}, {"outcome", kOutcomeNames[i]}});
    if (!series.ok()) return std::move(series).error();
    binding->calls_[i] = *series;
  }
  binding->update();
  binding->listener_ =
      breaker.add_listener([raw = binding.get()](const StateTransition& event) { raw->on_transition(event); });
  return binding;
}

}  // namespace gauntlet::breaker
