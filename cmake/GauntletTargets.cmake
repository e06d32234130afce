# Helpers shared by every component's CMakeLists.txt.

# Warnings for Gauntlet's own code (never forced on consumers).
function(gauntlet_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                           -Wold-style-cast -Wcast-align)
  # GCC 12 at -O2 reports std::string concatenation as overlapping memcpy (GCC bug 105329), a
  # false positive inlined from libstdc++ that would bury real warnings in release builds.
  target_compile_options(${target} PRIVATE
    $<$<AND:$<CXX_COMPILER_ID:GNU>,$<VERSION_LESS:$<CXX_COMPILER_VERSION>,13>>:-Wno-restrict>)
endfunction()

# gauntlet_add_library(<name> SOURCES ... [PUBLIC_DEPS ...] [PRIVATE_DEPS ...] [INCLUDE_DIR dir])
# A static library part of a component; `name` is the CMake target (e.g. gauntlet_harness_metrics).
function(gauntlet_add_library name)
  cmake_parse_arguments(ARG "" "INCLUDE_DIR" "SOURCES;PUBLIC_DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  if(NOT ARG_INCLUDE_DIR)
    set(ARG_INCLUDE_DIR ${CMAKE_CURRENT_SOURCE_DIR}/include)
  endif()
  target_include_directories(${name} PUBLIC $<BUILD_INTERFACE:${ARG_INCLUDE_DIR}> $<INSTALL_INTERFACE:include>
                                     PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src)
  target_compile_features(${name} PUBLIC cxx_std_20)
  target_link_libraries(${name} PUBLIC ${ARG_PUBLIC_DEPS} PRIVATE ${ARG_PRIVATE_DEPS})
  set_target_properties(${name} PROPERTIES POSITION_INDEPENDENT_CODE ON)
  gauntlet_warnings(${name})
  set_property(GLOBAL APPEND PROPERTY GAUNTLET_LIBRARIES ${name})
endfunction()

# gauntlet_add_test(<name> SOURCES ... [LIBS ...] [LABELS ...])
# One gtest executable, discovered test by test for ctest.
function(gauntlet_add_test name)
  if(NOT GAUNTLET_BUILD_TESTS)
    return()
  endif()
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBS;LABELS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_LIBS} GTest::gtest GTest::gmock GTest::gtest_main Threads::Threads)
  # Test-only headers every component's tests may use (status matchers).
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/harness/testing)
  target_compile_definitions(${name} PRIVATE GAUNTLET_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
                                             GAUNTLET_BINARY_DIR="${PROJECT_BINARY_DIR}")
  gauntlet_warnings(${name})
  # gtest_discover_tests cannot carry a list through its post-build step, so the
  # labels travel as one "a:b" label; `ctest -L b` matches it (-L is a regex).
  string(REPLACE ";" ":" labels "${ARG_LABELS}")
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60 PROPERTIES LABELS "${labels}"
                       ENVIRONMENT "GAUNTLET_SOURCE_DIR=${PROJECT_SOURCE_DIR}")
endfunction()

# gauntlet_register_cli(<object-library>): an OBJECT library whose static
# GAUNTLET_REGISTER_COMMAND registrations become subcommands of `gauntlet`.
function(gauntlet_register_cli target)
  set_property(GLOBAL APPEND PROPERTY GAUNTLET_CLI_PLUGINS ${target})
endfunction()

function(gauntlet_add_cli_executable)
  get_property(plugins GLOBAL PROPERTY GAUNTLET_CLI_PLUGINS)
  add_executable(gauntlet ${PROJECT_SOURCE_DIR}/cli/src/main.cpp)
  foreach(plugin IN LISTS plugins)
    target_sources(gauntlet PRIVATE $<TARGET_OBJECTS:${plugin}>)
    target_link_libraries(gauntlet PRIVATE ${plugin})
  endforeach()
  target_link_libraries(gauntlet PRIVATE gauntlet_cli fmt::fmt)
  target_compile_definitions(gauntlet PRIVATE GAUNTLET_VERSION="${PROJECT_VERSION}")
  gauntlet_warnings(gauntlet)
endfunction()
