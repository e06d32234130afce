# Checks of the suites themselves (included by CMakeLists.txt with tests on):
# seeded races the concurrent properties must detect, generated mutants of
# Gauntlet's own code they must kill, and adapters that must not compile.
find_package(Python3 COMPONENTS Interpreter QUIET)

# Every concurrent property against an implementation with the race it must
# detect. Not a ctest test itself: it is expected to fail.
add_executable(gauntlet_properties_seeded_races tests/seeded_races/seeded_race_suites.cpp)
target_link_libraries(gauntlet_properties_seeded_races PRIVATE gauntlet_properties GTest::gtest_main Threads::Threads)
target_include_directories(gauntlet_properties_seeded_races PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/tests)
gauntlet_warnings(gauntlet_properties_seeded_races)

if(Python3_FOUND)
  set(measure ${CMAKE_CURRENT_SOURCE_DIR}/tests/seeded_races/measure_detection.py)
  # Default: each seeded race is detected (up to five tries per race: at the
  # lowest measured rate, 74% per run, all five miss 0.1% of the time).
  add_test(NAME gauntlet_properties_seeded_races_detected
           COMMAND ${Python3_EXECUTABLE} ${measure} --binary $<TARGET_FILE:gauntlet_properties_seeded_races>
                   --runs 1 --attempts 5 --require 1.0)
  set_tests_properties(gauntlet_properties_seeded_races_detected PROPERTIES LABELS "properties;races" TIMEOUT 300)
  # Opt-in (-DGAUNTLET_RACE_DETECTION=ON, then ctest -L race-detection):
  # detection rate over 50 default runs of each, at least 95%.
  option(GAUNTLET_RACE_DETECTION "Enable the 50-run race detection rate test (minutes)" OFF)
  add_test(NAME gauntlet_properties_race_detection_rates
           COMMAND ${Python3_EXECUTABLE} ${measure} --binary $<TARGET_FILE:gauntlet_properties_seeded_races>
                   --runs 50 --require 0.95)
  set_tests_properties(gauntlet_properties_race_detection_rates PROPERTIES LABELS race-detection TIMEOUT 3600)
  if(NOT GAUNTLET_RACE_DETECTION)
    set_tests_properties(gauntlet_properties_race_detection_rates PROPERTIES DISABLED TRUE)
  endif()
  include(${CMAKE_CURRENT_SOURCE_DIR}/mutation/mutation.cmake)
endif()

# Negative-compile checks: each file holds a mistyped adapter and, in a
# "// expect: " comment, the one error line it must produce.
file(GENERATE OUTPUT ${CMAKE_CURRENT_BINARY_DIR}/negative_compile_includes.txt
     CONTENT "$<JOIN:$<TARGET_PROPERTY:gauntlet_properties,INTERFACE_INCLUDE_DIRECTORIES>,\n>\n$<JOIN:$<TARGET_PROPERTY:gauntlet_harness_core,INTERFACE_INCLUDE_DIRECTORIES>,\n>\n")
file(GLOB negative_sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/tests/negative_compile/*.cpp)
foreach(source IN LISTS negative_sources)
  get_filename_component(case ${source} NAME_WE)
  add_test(NAME gauntlet_properties_negative_compile_${case}
           COMMAND ${CMAKE_COMMAND} -DCXX=${CMAKE_CXX_COMPILER} -DSOURCE=${source}
                   -DINCLUDES_FILE=${CMAKE_CURRENT_BINARY_DIR}/negative_compile_includes.txt
                   -P ${CMAKE_CURRENT_SOURCE_DIR}/tests/negative_compile/check_compile_fails.cmake)
  set_tests_properties(gauntlet_properties_negative_compile_${case} PROPERTIES LABELS "properties;compile" TIMEOUT 120)
endforeach()
