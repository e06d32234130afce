#include "gauntlet/harness/breaker/metrics_binding.h"
#include "recording_listener.h"

#include <gtest/gtest.h>

#include "gauntlet/harness/testing/status_matchers.h"

#include <map>
#include <string>

namespace gauntlet::breaker {
namespace {

using testing::make_breaker;
using testing::record;

/// label values joined by ',' -> series, for one family of a snapshot.
std::map<std::string, metrics::SeriesSnapshot> series_of(const metrics::Registry& registry, const std::string& name) {
  std::map<std::string, metrics::SeriesSnapshot> out;
  for (const auto& family : registry.snapshot().families) {
    if (family.name != name) continue;
    for (const auto& series : family.series) {
      std::string key;
      for (const auto& value : series.label_values) key += (key.empty() ? "" : ",") + value;
      out[key] = series;
    }
  }
  return out;
}

BreakerConfig small_config() {
  BreakerConfig config;
  config.window_size = 2;
  config.minimum_calls = 2;
  config.slow_call_duration = kNanosPerSecond;
  config.wait_in_open = kNanosPerSecond;
  config.permitted_calls_in_half_open = 1;
  return config;
}

TEST(MetricsBindingTest, ExportsStateTransitionsCallsAndRecovery) {
  ManualClock clock;
  metrics::Registry registry;
  auto breaker = make_breaker(small_config(), clock);
  auto binding = bind_metrics(*breaker, registry);
  ASSERT_TRUE(binding.ok()) << binding.error().to_string();

  ASSERT_TRUE(record(*breaker, true, 2 * kNanosPerSecond));  // slow success
  ASSERT_TRUE(record(*breaker, false));                      // 50 %: OPEN
  EXPECT_FALSE(breaker->try_acquire());                      // rejected
  EXPECT_EQ(series_of(registry, "gauntlet_breaker_state").at("test").gauge, 1.0);
  clock.advance(3 * kNanosPerSecond);
  ASSERT_TRUE(record(*breaker, true));  // probe: CLOSED after 3 s
  (*binding)->update();

  auto states = series_of(registry, "gauntlet_breaker_state");
  EXPECT_EQ(states.at("test").gauge, 0.0);
  auto transitions = series_of(registry, "gauntlet_breaker_transitions");
  EXPECT_EQ(transitions.at("test,CLOSED,OPEN").counter, 1u);
  EXPECT_EQ(transitions.at("test,OPEN,HALF_OPEN").counter, 1u);
  EXPECT_EQ(transitions.at("test,HALF_OPEN,CLOSED").counter, 1u);
  auto calls = series_of(registry, "gauntlet_breaker_calls");
  EXPECT_EQ(calls.at("test,success").counter, 1u);
  EXPECT_EQ(calls.at("test,slow_success").counter, 1u);
  EXPECT_EQ(calls.at("test,failure").counter, 1u);
  EXPECT_EQ(calls.at("test,rejected").counter, 1u);
  std::uint64_t sum = 0;
  for (const auto& [key, series] : calls) sum += series.counter;
  EXPECT_EQ(sum, breaker->stats().attempted());
  EXPECT_DOUBLE_EQ(series_of(registry, "gauntlet_breaker_last_recovery_seconds").at("test").gauge, 3.0);
}

TEST(MetricsBindingTest, BreakersShareFamiliesAndStopExportingWhenUnbound) {
  ManualClock clock;
  metrics::Registry registry;
  auto first = make_breaker(small_config(), clock);
  auto second = CircuitBreaker::create("other", small_config(), clock);
  ASSERT_TRUE(second.ok());
  auto a = bind_metrics(*first, registry);
  auto b = bind_metrics(**second, registry);
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_TRUE((*second)->transition_to_forced_open());
  EXPECT_EQ(series_of(registry, "gauntlet_breaker_state").at("other").gauge, 4.0);
  EXPECT_EQ(series_of(registry, "gauntlet_breaker_state").at("test").gauge, 0.0);
  b = Error(ErrorCode::kInternal, "unbound");  // destroys the binding
  ASSERT_TRUE((*second)->transition_to_closed());
  EXPECT_EQ(series_of(registry, "gauntlet_breaker_state").at("other").gauge, 4.0);
}

TEST(MetricsBindingTest, ConflictingFamilyIsReported) {
  ManualClock clock;
  metrics::Registry registry;
  ASSERT_TRUE(registry.counter("gauntlet_breaker_state", "not a gauge").ok());
  auto breaker = make_breaker(small_config(), clock);
  auto binding = bind_metrics(*breaker, registry);
  ASSERT_THAT(binding, matchers::StatusIs(ErrorCode::kAlreadyExists));
}

}  // namespace
}  // namespace gauntlet::breaker
