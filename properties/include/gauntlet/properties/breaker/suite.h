#pragma once
/// The circuit-breaker property suite. Instantiate with
///   GAUNTLET_INSTANTIATE_BREAKER_PROPERTIES(Prefix, MyBreakerAdapter);
#include "gauntlet/properties/breaker/concurrent_properties.h"
#include "gauntlet/properties/breaker/sequential_properties.h"

namespace gauntlet::properties::breaker {

REGISTER_TYPED_TEST_SUITE_P(BreakerProperties, ModelConsecutive, ModelRate, NoCallAdmittedDuringOpenWait,
                            NoStuckHalfOpen, AccountingBalances, StaleResultsIgnored, HalfOpenPermitsUnderConcurrency,
                            ConcurrentFailuresOpen, ConcurrentCallsAccounted);

}  // namespace gauntlet::properties::breaker

/// Runs the breaker suite against `Adapter` (a BreakerAdapter); test names start
/// with `Prefix/BreakerProperties/0.`. Use at namespace scope, followed by `;`.
/// A missing or mistyped adapter member is one static_assert naming it.
#define GAUNTLET_INSTANTIATE_BREAKER_PROPERTIES(Prefix, Adapter)                                  \
  GAUNTLET_DETAIL_BREAKER_DIAGNOSES(GAUNTLET_DETAIL_ADAPTER_ASSERT, #Adapter,                     \
                                    ::gauntlet::properties::breaker::detail::diagnose<Adapter>()) \
  namespace gauntlet::properties::breaker {                                                       \
  INSTANTIATE_TYPED_TEST_SUITE_P(                                                                 \
      Prefix, BreakerProperties,                                                                  \
      ::testing::Types<::gauntlet::properties::breaker::detail::ValidOrPlaceholder<Adapter>>);    \
  }                                                                                               \
  extern int gauntlet_properties_instantiated_##Prefix
