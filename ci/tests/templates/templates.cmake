# Tests of the CI templates in ci/templates/ (label "templates"): each parses,
# has the expected steps, passes `bash -n`, names only real gauntlet commands
# and options, and its chaos-suite step runs locally; and docs/cli.md against
# `gauntlet --help` (label "docs").
find_package(Python3 COMPONENTS Interpreter)
if(NOT GAUNTLET_BUILD_TESTS OR NOT Python3_FOUND)
  return()
endif()
add_test(NAME gauntlet_ci_templates
         COMMAND Python3::Interpreter ${CMAKE_CURRENT_LIST_DIR}/check_ci_templates.py
                 ${PROJECT_SOURCE_DIR}/ci/templates --gauntlet $<TARGET_FILE:gauntlet>)
add_test(NAME gauntlet_ci_templates_rejects_broken
         COMMAND Python3::Interpreter ${CMAKE_CURRENT_LIST_DIR}/check_ci_templates_rejects_test.py
                 ${PROJECT_SOURCE_DIR}/ci/templates)
set_tests_properties(gauntlet_ci_templates gauntlet_ci_templates_rejects_broken PROPERTIES LABELS "ci;templates")

# docs/cli.md must hold the --help output of every gauntlet command.
add_test(NAME gauntlet_cli_doc
         COMMAND Python3::Interpreter ${CMAKE_CURRENT_LIST_DIR}/check_cli_doc.py $<TARGET_FILE:gauntlet>
                 ${PROJECT_SOURCE_DIR}/docs/cli.md)
set_tests_properties(gauntlet_cli_doc PROPERTIES LABELS "docs")
