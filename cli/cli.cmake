# The app level: what only the `gauntlet` command needs. Libraries never link
# it, so a user of gauntlet::harness (or any other component) gets no CLI11.
#
# gauntlet_cli: the subcommand registry, the one place a command's error is
# printed and mapped to its exit code, and option validators. Each component's
# subcommands live in its own cli/ folder, an OBJECT library that links this
# and is passed to gauntlet_register_cli().
set(cli_dir ${CMAKE_CURRENT_LIST_DIR})
add_library(gauntlet_cli STATIC ${cli_dir}/src/command_registry.cpp ${cli_dir}/src/validators.cpp)
add_library(gauntlet::cli ALIAS gauntlet_cli)
target_include_directories(gauntlet_cli PUBLIC ${cli_dir}/include)
target_link_libraries(gauntlet_cli PUBLIC gauntlet_harness_core CLI11::CLI11 PRIVATE fmt::fmt)
gauntlet_warnings(gauntlet_cli)

gauntlet_add_test(gauntlet_cli_tests
  SOURCES ${cli_dir}/tests/command_registry_test.cpp
  LIBS gauntlet_cli gauntlet_cli_testing fmt::fmt
  LABELS cli)

# `gauntlet demo`, its end-to-end test and the process-hygiene tests.
include(${cli_dir}/demo.cmake)

# Tests that run subcommands in-process: cli::testing::run_cli.
add_library(gauntlet_cli_testing INTERFACE)
target_include_directories(gauntlet_cli_testing INTERFACE ${cli_dir}/testing)
target_link_libraries(gauntlet_cli_testing INTERFACE gauntlet_cli)
