# gauntlet_harness_metrics: registry, counter, gauge, histogram, timer, meter,
# names and units, and the Prometheus / OpenMetrics / JSON exposition writers.

gauntlet_add_library(gauntlet_harness_metrics
  SOURCES
    src/metrics/thread_slot.cpp
    src/metrics/labels.cpp
    src/metrics/naming.cpp
    src/metrics/counter.cpp
    src/metrics/log_linear_layout.cpp
    src/metrics/histogram_options.cpp
    src/metrics/histogram_snapshot.cpp
    src/metrics/histogram_stripe.cpp
    src/metrics/histogram.cpp
    src/metrics/meter.cpp
    src/metrics/family.cpp
    src/metrics/registry.cpp
    src/metrics/text_exposition.cpp
    src/metrics/json_snapshot.cpp
  PUBLIC_DEPS gauntlet_harness_core
  PRIVATE_DEPS fmt::fmt nlohmann_json::nlohmann_json)
add_library(gauntlet::harness_metrics ALIAS gauntlet_harness_metrics)
target_link_libraries(gauntlet_harness INTERFACE gauntlet_harness_metrics)

gauntlet_add_test(gauntlet_harness_metrics_tests
  SOURCES
    tests/metrics/format_checkers.cpp
    tests/metrics/labels_test.cpp
    tests/metrics/naming_test.cpp
    tests/metrics/counter_gauge_test.cpp
    tests/metrics/histogram_layout_test.cpp
    tests/metrics/histogram_test.cpp
    tests/metrics/histogram_concurrency_test.cpp
    tests/metrics/quantile_accuracy_test.cpp
    tests/metrics/timer_meter_test.cpp
    tests/metrics/registry_test.cpp
    tests/metrics/registry_units_test.cpp
    tests/metrics/exposition_test.cpp
    tests/metrics/exposition_units_test.cpp
    tests/metrics/json_utf8_test.cpp
  LIBS gauntlet_harness_metrics nlohmann_json::nlohmann_json
  LABELS "harness;metrics")
