# Negative-compile check: compiling SOURCE must fail with exactly one
# "error:" line, and that line must contain the text after "// expect: " in
# SOURCE. Run as: cmake -DCXX=... -DSOURCE=... -DINCLUDES_FILE=... -P check_compile_fails.cmake
file(STRINGS "${SOURCE}" expect_lines REGEX "^// expect: ")
list(GET expect_lines 0 expect_line)
string(REGEX REPLACE "^// expect: " "" expected "${expect_line}")

file(STRINGS "${INCLUDES_FILE}" include_dirs)
set(include_flags)
foreach(dir IN LISTS include_dirs)
  if(NOT dir STREQUAL "")
    list(APPEND include_flags "-I${dir}")
  endif()
endforeach()

execute_process(COMMAND "${CXX}" -std=c++20 -fsyntax-only ${include_flags} "${SOURCE}"
                RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err)
set(text "${out}${err}")
if(result EQUAL 0)
  message(FATAL_ERROR "${SOURCE} compiled, but a mistyped adapter must not")
endif()
string(REGEX MATCHALL "[^\n]*error: [^\n]*" errors "${text}")
list(LENGTH errors error_count)
if(NOT error_count EQUAL 1)
  message(FATAL_ERROR "expected exactly one error line, got ${error_count}:\n${text}")
endif()
string(FIND "${errors}" "${expected}" at)
if(at EQUAL -1)
  message(FATAL_ERROR "the error does not say \"${expected}\":\n${errors}")
endif()
message(STATUS "one error, as expected: ${errors}")
