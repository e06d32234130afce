# Fuzz targets of the chaos component (see cmake/GauntletFuzz.cmake). Scenario
# files against the bundled targets are fuzzed in fixtures/fuzz/.
set(chaos_fuzz ${CMAKE_CURRENT_LIST_DIR})

gauntlet_add_fuzz_target(fuzz_service_scenario
  SOURCES ${chaos_fuzz}/service_scenario_fuzz.cpp
  LIBS gauntlet_chaos_net
  SEEDS ${chaos_fuzz}/seeds/service_scenario
  DICT ${chaos_fuzz}/scenario_yaml.dict)

gauntlet_add_fuzz_target(fuzz_fault_spec
  SOURCES ${chaos_fuzz}/fault_spec_fuzz.cpp
  LIBS gauntlet_chaos
  SEEDS ${chaos_fuzz}/seeds/fault_spec
  DICT ${chaos_fuzz}/fault_spec.dict
  MUTATIONS 20000)

gauntlet_add_fuzz_target(fuzz_proxy_control
  SOURCES ${chaos_fuzz}/proxy_control_fuzz.cpp
  LIBS gauntlet_chaos_net
  SEEDS ${chaos_fuzz}/seeds/proxy_control ${chaos_fuzz}/regressions/proxy_control
  DICT ${chaos_fuzz}/proxy_control.dict
  MUTATIONS 1500)
