# Automatic mutation testing of the suites (included by properties/checks.cmake).
# Default: the tool's own checks (operators, >= 200 mutants of every kind).
add_test(NAME gauntlet_properties_mutation_tool
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_mutate.py)
set_tests_properties(gauntlet_properties_mutation_tool PROPERTIES LABELS properties TIMEOUT 60)

# Opt-in (-DGAUNTLET_MUTATION_GENERATED=ON, then ctest -L mutation-generated):
# builds and runs 80 generated mutants per area in a private copy of the
# sources under the build tree (hours on two cores); fails when an area
# scores below 90% of its non-equivalent mutants. Disabled otherwise, so the
# default workflow never runs it.
option(GAUNTLET_MUTATION_GENERATED "Enable the generated-mutant test (hours)" OFF)
add_test(NAME gauntlet_properties_mutation_generated
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/gauntlet_mutate.py run
                 --workdir ${PROJECT_BINARY_DIR}/mutation-generated --per-area 80 --require 0.9)
set_tests_properties(gauntlet_properties_mutation_generated PROPERTIES LABELS mutation-generated TIMEOUT 21600)
if(NOT GAUNTLET_MUTATION_GENERATED)
  set_tests_properties(gauntlet_properties_mutation_generated PROPERTIES DISABLED TRUE)
endif()
