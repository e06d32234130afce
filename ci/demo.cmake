# `gauntlet demo`: the built-in chaos scenarios in virtual time, the property
# suites of this build tree, and a report.
add_library(gauntlet_demo_cli OBJECT ${CMAKE_CURRENT_LIST_DIR}/src/demo/demo_command.cpp
                                     ${CMAKE_CURRENT_LIST_DIR}/src/demo/property_suites.cpp)
target_link_libraries(gauntlet_demo_cli PUBLIC gauntlet_chaos_scenarios gauntlet_reports gauntlet_harness_core
                                        PRIVATE fmt::fmt)
gauntlet_warnings(gauntlet_demo_cli)
gauntlet_register_cli(gauntlet_demo_cli)

# The property suites the demo runs: those this build tree produces.
set(demo_suites)
foreach(suite gauntlet_properties_breaker_tests gauntlet_properties_metrics_tests gauntlet_properties_tracing_tests)
  if(TARGET ${suite})
    list(APPEND demo_suites "$<TARGET_FILE:${suite}>")
  endif()
endforeach()
list(JOIN demo_suites "|" demo_suites)
target_compile_definitions(gauntlet_demo_cli PRIVATE GAUNTLET_DEMO_PROPERTY_SUITES="${demo_suites}")

if(GAUNTLET_BUILD_TESTS)
  add_test(NAME gauntlet_demo
           COMMAND ${CMAKE_COMMAND} -DGAUNTLET=$<TARGET_FILE:gauntlet> -DWORK=${CMAKE_CURRENT_BINARY_DIR}/demo-test
                   -P ${CMAKE_CURRENT_LIST_DIR}/tests/demo/demo_test.cmake)
  set_tests_properties(gauntlet_demo PROPERTIES LABELS "ci;demo" TIMEOUT 300)
endif()
