# Fuzz targets of the harness component (see cmake/GauntletFuzz.cmake).
gauntlet_add_fuzz_target(fuzz_trace_context
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/trace_context_fuzz.cpp
  LIBS gauntlet_harness_tracing
  SEEDS ${CMAKE_CURRENT_LIST_DIR}/seeds/trace_context
  DICT ${CMAKE_CURRENT_LIST_DIR}/trace_context.dict
  MUTATIONS 20000)
