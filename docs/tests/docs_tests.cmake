# docs/formats.md: every example is accepted by the reader that owns it (label "docs").
find_package(Python3 COMPONENTS Interpreter)
if(NOT GAUNTLET_BUILD_TESTS OR NOT Python3_FOUND)
  return()
endif()
add_test(NAME gauntlet_docs_formats
         COMMAND Python3::Interpreter ${CMAKE_CURRENT_LIST_DIR}/check_formats.py $<TARGET_FILE:gauntlet>
                 ${PROJECT_SOURCE_DIR}/docs/formats.md ${PROJECT_SOURCE_DIR}/ci/tests/data/full_run.json
                 ${PROJECT_BINARY_DIR}/docs-formats)
set_tests_properties(gauntlet_docs_formats PROPERTIES LABELS "docs")

# README.md: its code snippets are parts of files the suite compiles, and its
# journeys' shell blocks run (label "docs").
add_test(NAME gauntlet_docs_readme
         COMMAND Python3::Interpreter ${CMAKE_CURRENT_LIST_DIR}/check_readme.py ${PROJECT_SOURCE_DIR}/README.md
                 ${PROJECT_SOURCE_DIR} $<TARGET_FILE:gauntlet> ${PROJECT_SOURCE_DIR}/ci/tests/data/fake_bench.sh
                 ${PROJECT_BINARY_DIR}/docs-readme)
set_tests_properties(gauntlet_docs_readme PROPERTIES LABELS "docs" TIMEOUT 300)
