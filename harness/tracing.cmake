# gauntlet_harness_tracing: spans, context, sampling, W3C trace context,
# processors and exporters (in-memory, OTLP/JSON file).

gauntlet_add_library(gauntlet_harness_tracing
  SOURCES
    src/tracing/ids.cpp
    src/tracing/sampler.cpp
    src/tracing/span_data.cpp
    src/tracing/span.cpp
    src/tracing/tracer.cpp
    src/tracing/scope.cpp
    src/tracing/simple_processor.cpp
    src/tracing/batch_processor.cpp
    src/tracing/in_memory_exporter.cpp
    src/tracing/otlp_json.cpp
    src/tracing/otlp_json_file_exporter.cpp
    src/tracing/traceparent.cpp
    src/tracing/tracestate.cpp
  PUBLIC_DEPS gauntlet_harness_core
  PRIVATE_DEPS nlohmann_json::nlohmann_json fmt::fmt)
add_library(gauntlet::harness_tracing ALIAS gauntlet_harness_tracing)
target_link_libraries(gauntlet_harness INTERFACE gauntlet_harness_tracing)

gauntlet_add_test(gauntlet_harness_tracing_tests
  SOURCES
    tests/tracing/tracer_test.cpp
    tests/tracing/ids_test.cpp
    tests/tracing/scope_test.cpp
    tests/tracing/trace_context_test.cpp
    tests/tracing/processor_test.cpp
    tests/tracing/otlp_json_test.cpp
  LIBS gauntlet_harness_tracing nlohmann_json::nlohmann_json
  LABELS harness tracing)
