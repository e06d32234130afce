# ctest label "packaging": install this build into a temporary prefix, then
# configure, build and test each example against it with find_package(gauntlet).
# The examples get this build's compiler and linker flags (sanitizer builds link).
set(gauntlet_packaging_dir ${PROJECT_BINARY_DIR}/packaging-test)
add_test(NAME gauntlet_packaging_install
         COMMAND ${CMAKE_COMMAND} -DSTEP=install -DBUILD_DIR=${PROJECT_BINARY_DIR}
                 -DPREFIX=${gauntlet_packaging_dir}/prefix -P ${CMAKE_CURRENT_LIST_DIR}/packaging_test.cmake)
set_tests_properties(gauntlet_packaging_install PROPERTIES LABELS packaging FIXTURES_SETUP gauntlet_installed)

foreach(example breaker_properties latency_budget chaos_proxy instrumentation_overhead)
  if(NOT EXISTS ${CMAKE_CURRENT_LIST_DIR}/${example}/CMakeLists.txt)
    continue()
  endif()
  add_test(NAME gauntlet_packaging_${example}
           COMMAND ${CMAKE_COMMAND} -DSTEP=example -DPREFIX=${gauntlet_packaging_dir}/prefix
                   -DSOURCE=${CMAKE_CURRENT_LIST_DIR}/${example} -DBINARY=${gauntlet_packaging_dir}/${example}
                   -DGENERATOR=${CMAKE_GENERATOR} -DBUILD_TYPE=$<IF:$<CONFIG:>,Release,$<CONFIG>>
                   "-DCXX_FLAGS=${CMAKE_CXX_FLAGS}" "-DLINKER_FLAGS=${CMAKE_EXE_LINKER_FLAGS}"
                   -P ${CMAKE_CURRENT_LIST_DIR}/packaging_test.cmake)
  set_tests_properties(gauntlet_packaging_${example} PROPERTIES LABELS packaging TIMEOUT 900
                       FIXTURES_REQUIRED gauntlet_installed)
endforeach()

# FetchContent (a subproject from this source tree): builds only what the
# example links, without installing anything.
add_test(NAME gauntlet_packaging_fetchcontent
         COMMAND ${CMAKE_COMMAND} -DSTEP=example -DSOURCE=${CMAKE_CURRENT_LIST_DIR}/fetchcontent
                 -DBINARY=${gauntlet_packaging_dir}/fetchcontent -DGENERATOR=${CMAKE_GENERATOR}
                 -DBUILD_TYPE=$<IF:$<CONFIG:>,Release,$<CONFIG>> "-DCXX_FLAGS=${CMAKE_CXX_FLAGS}"
                 "-DLINKER_FLAGS=${CMAKE_EXE_LINKER_FLAGS}" -DEXTRA=-DGAUNTLET_SOURCE_DIR=${PROJECT_SOURCE_DIR}
                 -P ${CMAKE_CURRENT_LIST_DIR}/packaging_test.cmake)
set_tests_properties(gauntlet_packaging_fetchcontent PROPERTIES LABELS packaging TIMEOUT 900)
