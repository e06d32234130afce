# Fuzz targets (docs/fuzzing.md). Each component declares its targets beside
# it (<component>/fuzz/) with gauntlet_add_fuzz_target; one source defines
# LLVMFuzzerTestOneInput and is built two ways:
#  - GAUNTLET_FUZZ=ON (the `fuzz` preset, clang-16): a libFuzzer binary with
#    ASan+UBSan, built by the `gauntlet_fuzz` target, listed with its seeds and
#    dictionary in <build>/fuzz/targets.tsv for harness/fuzz/run_campaign.py;
#  - otherwise, with tests on (the `dev` preset, GCC): <name>_replay, the same
#    source with harness/fuzz/replay_main.cpp, and a ctest `fuzz.<name>` that
#    replays the seeds and a few thousand seeded mutations in seconds.
option(GAUNTLET_FUZZ "Build the libFuzzer targets (clang; the fuzz preset)" OFF)

if(GAUNTLET_FUZZ AND NOT TARGET gauntlet_fuzz)
  add_custom_target(gauntlet_fuzz)
  set_property(GLOBAL PROPERTY GAUNTLET_FUZZ_MANIFEST "")
endif()

# Writes <build>/fuzz/targets.tsv (name, binary, seed folder, dictionary) once
# every component has declared its targets.
function(gauntlet_write_fuzz_manifest)
  if(GAUNTLET_FUZZ)
    get_property(manifest GLOBAL PROPERTY GAUNTLET_FUZZ_MANIFEST)
    file(GENERATE OUTPUT ${PROJECT_BINARY_DIR}/fuzz/targets.tsv CONTENT "${manifest}")
  endif()
endfunction()

# gauntlet_add_fuzz_target(<name> SOURCES ... [LIBS ...] [INCLUDES ...] [DEFINES ...]
#                          SEEDS <files or folders>... [DICT <file>] [MUTATIONS n])
# SEEDS are copied into <build>/fuzz/seeds/<name>/ at configure time (a
# folder's files, not the folder); crash inputs committed under
# <component>/fuzz/regressions/<name>/ belong in SEEDS so every run replays them.
function(gauntlet_add_fuzz_target name)
  cmake_parse_arguments(ARG "" "DICT;MUTATIONS" "SOURCES;LIBS;INCLUDES;DEFINES;SEEDS" ${ARGN})
  if(NOT GAUNTLET_FUZZ AND NOT GAUNTLET_BUILD_TESTS)
    return()
  endif()
  set(seed_dir ${PROJECT_BINARY_DIR}/fuzz/seeds/${name})
  file(REMOVE_RECURSE ${seed_dir})
  file(MAKE_DIRECTORY ${seed_dir})
  foreach(seed IN LISTS ARG_SEEDS)
    if(IS_DIRECTORY ${seed})
      file(GLOB_RECURSE files LIST_DIRECTORIES false ${seed}/*)
      foreach(f IN LISTS files)
        get_filename_component(dir_name ${seed} NAME)
        get_filename_component(file_name ${f} NAME)
        configure_file(${f} ${seed_dir}/${dir_name}-${file_name} COPYONLY)
      endforeach()
    elseif(EXISTS ${seed})
      get_filename_component(file_name ${seed} NAME)
      configure_file(${seed} ${seed_dir}/${file_name} COPYONLY)
    else()
      message(FATAL_ERROR "gauntlet_add_fuzz_target(${name}): no seed ${seed}")
    endif()
  endforeach()
  set(dict "")
  if(ARG_DICT)
    set(dict ${ARG_DICT})
  endif()
  if(GAUNTLET_FUZZ)
    add_executable(${name} ${ARG_SOURCES})
    set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/fuzz/bin)
    target_link_options(${name} PRIVATE -fsanitize=fuzzer)
    target_link_libraries(${name} PRIVATE ${ARG_LIBS})
    target_include_directories(${name} PRIVATE ${ARG_INCLUDES})
    target_compile_definitions(${name} PRIVATE ${ARG_DEFINES})
    gauntlet_warnings(${name})
    add_dependencies(gauntlet_fuzz ${name})
    set_property(GLOBAL APPEND_STRING PROPERTY GAUNTLET_FUZZ_MANIFEST
                 "${name}\t$<TARGET_FILE:${name}>\t${seed_dir}\t${dict}\n")
  else()
    set(mutations 3000)
    if(ARG_MUTATIONS)
      set(mutations ${ARG_MUTATIONS})
    endif()
    add_executable(${name}_replay ${ARG_SOURCES} ${PROJECT_SOURCE_DIR}/harness/fuzz/replay_main.cpp)
    set_target_properties(${name}_replay PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/fuzz/bin)
    target_link_libraries(${name}_replay PRIVATE ${ARG_LIBS})
    target_include_directories(${name}_replay PRIVATE ${ARG_INCLUDES})
    target_compile_definitions(${name}_replay PRIVATE ${ARG_DEFINES})
    gauntlet_warnings(${name}_replay)
    set(dict_args "")
    if(dict)
      set(dict_args --dict ${dict})
    endif()
    add_test(NAME fuzz.${name}
             COMMAND ${name}_replay --mutations ${mutations} --seconds 4 --artifacts ${PROJECT_BINARY_DIR}/fuzz/artifacts
                     ${dict_args} ${seed_dir})
    set_tests_properties(fuzz.${name} PROPERTIES LABELS "fuzz" TIMEOUT 120)
  endif()
endfunction()
