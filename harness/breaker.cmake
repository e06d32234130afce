# gauntlet_harness_breaker: circuit breaker (gauntlet::breaker) with
# resilience4j semantics and the consecutive-failures mode, plus the adapter
# that exports a breaker into a metrics registry (the core does not use it).
gauntlet_add_library(gauntlet_harness_breaker
  SOURCES src/breaker/config.cpp src/breaker/state.cpp src/breaker/windows.cpp
          src/breaker/circuit_breaker.cpp src/breaker/transitions.cpp src/breaker/listeners.cpp
          src/breaker/metrics_binding.cpp
  PUBLIC_DEPS gauntlet_harness_core gauntlet_harness_metrics)
add_library(gauntlet::harness_breaker ALIAS gauntlet_harness_breaker)
target_link_libraries(gauntlet_harness INTERFACE gauntlet_harness_breaker)

gauntlet_add_test(gauntlet_harness_breaker_tests
  SOURCES tests/breaker/config_test.cpp tests/breaker/failure_rate_test.cpp
          tests/breaker/slow_call_and_consecutive_test.cpp tests/breaker/manual_states_test.cpp
          tests/breaker/concurrency_test.cpp tests/breaker/metrics_binding_test.cpp
  LIBS gauntlet_harness_breaker
  LABELS harness breaker)
