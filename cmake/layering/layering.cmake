# Layering (label "hygiene"): no component includes a header of one it must not
# depend on; the table and the graph in docs/architecture.md are
# cmake/layering/layering_check.py's. Included from the top-level CMakeLists.txt.
find_package(Python3 COMPONENTS Interpreter)
if(NOT GAUNTLET_BUILD_TESTS OR NOT Python3_FOUND)
  return()
endif()
set(layering_dir ${CMAKE_CURRENT_LIST_DIR})

add_test(NAME gauntlet_layering
         COMMAND Python3::Interpreter ${layering_dir}/layering_check.py check ${PROJECT_SOURCE_DIR})
# The check itself, on small trees with and without a forbidden include.
add_test(NAME gauntlet_layering_check_test COMMAND Python3::Interpreter ${layering_dir}/layering_check_test.py)
set_tests_properties(gauntlet_layering gauntlet_layering_check_test PROPERTIES LABELS "hygiene" TIMEOUT 60)

# gauntlet_write_target_list(<file>): every target of this build tree, one a
# line, with the gauntlet::X alias of each gauntlet_X that has one.
function(gauntlet_write_target_list file)
  set(folders ${PROJECT_SOURCE_DIR})
  set(names)
  while(folders)
    list(POP_FRONT folders folder)
    get_property(targets DIRECTORY ${folder} PROPERTY BUILDSYSTEM_TARGETS)
    get_property(subfolders DIRECTORY ${folder} PROPERTY SUBDIRECTORIES)
    list(APPEND names ${targets})
    list(APPEND folders ${subfolders})
  endwhile()
  set(aliases)
  foreach(target IN LISTS names)
    string(REGEX REPLACE "^gauntlet_" "gauntlet::" alias ${target})
    if(NOT alias STREQUAL target AND TARGET ${alias})
      list(APPEND aliases ${alias})
    endif()
  endforeach()
  list(APPEND names ${aliases})
  list(SORT names)
  list(JOIN names "\n" text)
  file(WRITE ${file} "${text}\n")
endfunction()
# After the whole tree is configured (the `gauntlet` executable comes last).
cmake_language(DEFER CALL gauntlet_write_target_list ${PROJECT_BINARY_DIR}/layering/targets.txt)

# docs/architecture.md draws the graph the table defines and names only targets
# that exist. The doc names the benchmark executables too, so the check runs in
# trees that build them (not the sanitizer presets, which build none).
if(GAUNTLET_BUILD_BENCHMARKS)
  add_test(NAME gauntlet_docs_architecture
           COMMAND Python3::Interpreter ${layering_dir}/layering_check.py check-doc
                   ${PROJECT_SOURCE_DIR}/docs/architecture.md --targets ${PROJECT_BINARY_DIR}/layering/targets.txt)
  set_tests_properties(gauntlet_docs_architecture PROPERTIES LABELS "docs;hygiene" TIMEOUT 60)
endif()
