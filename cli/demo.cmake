# `gauntlet demo`: every part of Gauntlet on its bundled targets, one report.
# Included from the top level after every component, so it can see the
# property suites, the benchmark executable and the http chain fixture.
set(demo_dir ${CMAKE_CURRENT_LIST_DIR})
add_library(gauntlet_demo_cli OBJECT ${demo_dir}/demo/demo_command.cpp ${demo_dir}/demo/chaos_stages.cpp
                                     ${demo_dir}/demo/property_suites.cpp ${demo_dir}/demo/benchmark_stage.cpp)
target_link_libraries(gauntlet_demo_cli PUBLIC gauntlet_chaos_scenarios gauntlet_chaos_net gauntlet_reports gauntlet_ci gauntlet_cli
                                        PRIVATE fmt::fmt)
target_compile_definitions(gauntlet_demo_cli PRIVATE GAUNTLET_VERSION="${PROJECT_VERSION}")
gauntlet_warnings(gauntlet_demo_cli)
gauntlet_register_cli(gauntlet_demo_cli)

# The real-time cascade needs the chain fixture (its library carries the node's path).
if(TARGET gauntlet_fixture_http_chain)
  target_link_libraries(gauntlet_demo_cli PUBLIC gauntlet_fixture_http_chain)
endif()

# The property suites the demo runs: those this build tree produces.
set(demo_suites)
foreach(suite gauntlet_properties_breaker_tests gauntlet_properties_metrics_tests gauntlet_properties_tracing_tests)
  if(TARGET ${suite})
    list(APPEND demo_suites "$<TARGET_FILE:${suite}>")
  endif()
endforeach()
list(JOIN demo_suites "|" demo_suites)
target_compile_definitions(gauntlet_demo_cli PRIVATE GAUNTLET_DEMO_PROPERTY_SUITES="${demo_suites}"
  GAUNTLET_DEMO_BASELINE="${PROJECT_SOURCE_DIR}/benchmarks/baselines/demo-primitives.json"
  GAUNTLET_DEMO_GATE_CONFIG="${PROJECT_SOURCE_DIR}/benchmarks/baselines/demo-gate.yaml")
if(TARGET gauntlet_bench_harness)
  target_compile_definitions(gauntlet_demo_cli PRIVATE GAUNTLET_DEMO_BENCH_BINARY="$<TARGET_FILE:gauntlet_bench_harness>")
endif()

if(GAUNTLET_BUILD_TESTS)
  set(demo_has_bench OFF)
  if(TARGET gauntlet_bench_harness)
    set(demo_has_bench ON)
  endif()
  add_test(NAME gauntlet_demo
           COMMAND ${CMAKE_COMMAND} -DGAUNTLET=$<TARGET_FILE:gauntlet> -DWORK=${PROJECT_BINARY_DIR}/demo-test
                   -DBENCH=${demo_has_bench}
                   -P ${demo_dir}/tests/demo/demo_test.cmake)
  set_tests_properties(gauntlet_demo PROPERTIES LABELS "ci;demo" TIMEOUT 400)
endif()

if(GAUNTLET_BUILD_TESTS)
  # SIGKILL `gauntlet` during each stage that spawns processes: nothing it
  # started may survive, and no temp file may stay (cli/tests/hygiene).
  find_package(Python3 REQUIRED COMPONENTS Interpreter)
  set(kill_stages demo-cascade demo-properties bench-run gate-confirm chaos-processes)
  if(TARGET gauntlet_bench_harness)
    list(APPEND kill_stages demo-bench)  # the demo runs benchmarks only when they are built
  endif()
  foreach(stage ${kill_stages})
    add_test(NAME gauntlet_kill.${stage}
             COMMAND Python3::Interpreter ${demo_dir}/tests/hygiene/kill_test.py $<TARGET_FILE:gauntlet> ${stage}
                     ${PROJECT_BINARY_DIR}/kill-test/${stage} ${demo_dir}/tests/hygiene/slow_bench.sh)
    set_tests_properties(gauntlet_kill.${stage} PROPERTIES LABELS "ci;hygiene" TIMEOUT 180)
  endforeach()
  # The hostile-input probe: each case once aborted, hung or passed on garbage.
  add_test(NAME gauntlet_probe_cli
           COMMAND Python3::Interpreter ${demo_dir}/tests/hygiene/probe_cli.py $<TARGET_FILE:gauntlet> ${PROJECT_SOURCE_DIR}
                   ${PROJECT_BINARY_DIR}/probe-cli)
  set_tests_properties(gauntlet_probe_cli PROPERTIES LABELS "ci;hygiene" TIMEOUT 300)
endif()
