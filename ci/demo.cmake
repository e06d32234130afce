# `gauntlet demo`: the built-in chaos scenarios in virtual time and a report.
add_library(gauntlet_demo_cli OBJECT ${CMAKE_CURRENT_LIST_DIR}/src/demo/demo_command.cpp)
target_link_libraries(gauntlet_demo_cli PUBLIC gauntlet_chaos_scenarios gauntlet_reports gauntlet_harness_core
                                        PRIVATE fmt::fmt)
gauntlet_warnings(gauntlet_demo_cli)
gauntlet_register_cli(gauntlet_demo_cli)

if(GAUNTLET_BUILD_TESTS)
  add_test(NAME gauntlet_demo
           COMMAND ${CMAKE_COMMAND} -DGAUNTLET=$<TARGET_FILE:gauntlet> -DWORK=${CMAKE_CURRENT_BINARY_DIR}/demo-test
                   -P ${CMAKE_CURRENT_LIST_DIR}/tests/demo/demo_test.cmake)
  set_tests_properties(gauntlet_demo PROPERTIES LABELS "ci;demo" TIMEOUT 300)
endif()
