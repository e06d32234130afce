# Formatting (label "hygiene"): every C++ source as .clang-format says,
# checked by cmake/format/format_check.py with the set-up script's clang-format.
find_package(Python3 COMPONENTS Interpreter)
if(NOT GAUNTLET_BUILD_TESTS OR NOT Python3_FOUND)
  return()
endif()
add_test(NAME gauntlet_format
         COMMAND Python3::Interpreter ${CMAKE_CURRENT_LIST_DIR}/format_check.py ${PROJECT_SOURCE_DIR})
# The check itself, on a formatted and an unformatted tree.
add_test(NAME gauntlet_format_check_test COMMAND Python3::Interpreter ${CMAKE_CURRENT_LIST_DIR}/format_check_test.py)
set_tests_properties(gauntlet_format gauntlet_format_check_test PROPERTIES LABELS "hygiene" TIMEOUT 300
                                                                           SKIP_RETURN_CODE 77)
