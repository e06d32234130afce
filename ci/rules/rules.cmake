# `gauntlet rules`: Prometheus alerting rules from the gate's budgets and an
# alerts file (docs/rules.md). Included by ci/CMakeLists.txt.
set(GAUNTLET_RULES_DIR ${CMAKE_CURRENT_LIST_DIR})

gauntlet_add_library(gauntlet_ci_rules
  SOURCES ${GAUNTLET_RULES_DIR}/src/rules_yaml_fields.cpp ${GAUNTLET_RULES_DIR}/src/rules_breaker_fields.cpp
          ${GAUNTLET_RULES_DIR}/src/rules_latency_fields.cpp ${GAUNTLET_RULES_DIR}/src/alerts_config.cpp
          ${GAUNTLET_RULES_DIR}/src/rules_promql.cpp ${GAUNTLET_RULES_DIR}/src/rule_builder.cpp
          ${GAUNTLET_RULES_DIR}/src/rules_yaml.cpp
  INCLUDE_DIR ${GAUNTLET_RULES_DIR}/include
  PUBLIC_DEPS gauntlet_ci gauntlet::harness
  PRIVATE_DEPS fmt::fmt yaml-cpp)
target_include_directories(gauntlet_ci_rules PRIVATE ${GAUNTLET_RULES_DIR}/src)
add_library(gauntlet::ci_rules ALIAS gauntlet_ci_rules)

# The subcommand, linked into `gauntlet`.
add_library(gauntlet_ci_rules_cli OBJECT ${GAUNTLET_RULES_DIR}/../cli/rules_command.cpp)
target_link_libraries(gauntlet_ci_rules_cli PUBLIC gauntlet_ci_rules gauntlet_cli PRIVATE fmt::fmt)
gauntlet_warnings(gauntlet_ci_rules_cli)
gauntlet_register_cli(gauntlet_ci_rules_cli)

# Public headers beside the other components' when Gauntlet is installed
# (GAUNTLET_INSTALL is decided after the components, hence deferred).
function(gauntlet_ci_rules_install_headers include_dir)
  if(GAUNTLET_INSTALL)
    install(DIRECTORY ${include_dir}/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
  endif()
endfunction()
# (A deferred call's arguments are read when it runs: EVAL puts the path in now.)
cmake_language(EVAL CODE "cmake_language(DEFER DIRECTORY [[${PROJECT_SOURCE_DIR}]]
               CALL gauntlet_ci_rules_install_headers [[${GAUNTLET_RULES_DIR}/include]])")

gauntlet_add_test(gauntlet_ci_rules_tests
  SOURCES ${GAUNTLET_RULES_DIR}/tests/promtool.cpp ${GAUNTLET_RULES_DIR}/tests/alerts_config_test.cpp
          ${GAUNTLET_RULES_DIR}/tests/rule_builder_test.cpp ${GAUNTLET_RULES_DIR}/tests/rules_yaml_test.cpp
          ${GAUNTLET_RULES_DIR}/tests/rules_promtool_test.cpp ${GAUNTLET_RULES_DIR}/tests/rules_command_test.cpp
          ${GAUNTLET_RULES_DIR}/../cli/rules_command.cpp
  LIBS gauntlet_ci_rules gauntlet_ci gauntlet_cli_testing nlohmann_json::nlohmann_json fmt::fmt yaml-cpp
  LABELS "ci;rules")
if(TARGET gauntlet_ci_rules_tests)
  target_include_directories(gauntlet_ci_rules_tests PRIVATE ${GAUNTLET_RULES_DIR}/src)
endif()

# examples/alert_rules through the built `gauntlet` and promtool: the
# committed rules are what the command writes, and they pass
# `promtool check rules` and the example's `promtool test rules`.
if(GAUNTLET_BUILD_TESTS)
  add_test(NAME gauntlet_rules_example
           COMMAND sh ${PROJECT_SOURCE_DIR}/examples/alert_rules/check.sh $<TARGET_FILE:gauntlet>
                   ${PROJECT_BINARY_DIR}/rules-example)
  set_tests_properties(gauntlet_rules_example PROPERTIES LABELS "ci;rules;examples" SKIP_RETURN_CODE 77)
endif()
