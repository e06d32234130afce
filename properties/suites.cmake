# Suite instantiations against implementations (included by CMakeLists.txt).
# The unmutated fixtures' run is beside them, in fixtures/mutants.

# Gauntlet's own implementations.
if(TARGET gauntlet_harness_breaker)
  gauntlet_add_test(gauntlet_properties_breaker_tests
    SOURCES tests/gauntlet_breaker_properties_test.cpp
    LIBS gauntlet_properties gauntlet_harness_breaker
    LABELS properties)
  target_include_directories(gauntlet_properties_breaker_tests PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/tests)
endif()
if(TARGET gauntlet_harness_metrics)
  gauntlet_add_test(gauntlet_properties_metrics_tests
    SOURCES tests/gauntlet_metrics_properties_test.cpp
    LIBS gauntlet_properties gauntlet_harness_metrics
    LABELS properties)
  target_include_directories(gauntlet_properties_metrics_tests PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/tests)
endif()
if(TARGET gauntlet_harness_tracing)
  gauntlet_add_test(gauntlet_properties_tracing_tests
    SOURCES tests/gauntlet_tracing_properties_test.cpp
    LIBS gauntlet_properties gauntlet_harness_tracing
    LABELS properties)
  target_include_directories(gauntlet_properties_tracing_tests PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/tests)
endif()

# prometheus-cpp's metrics, for comparison (optional peer dependency).
find_package(prometheus-cpp CONFIG QUIET)
if(prometheus-cpp_FOUND)
  gauntlet_add_test(gauntlet_properties_prometheus_cpp_tests
    SOURCES tests/prometheus_cpp_metrics_properties_test.cpp
    LIBS gauntlet_properties prometheus-cpp::core
    LABELS properties)
  target_include_directories(gauntlet_properties_prometheus_cpp_tests PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/tests)
endif()
