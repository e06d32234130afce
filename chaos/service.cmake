# Service scenarios: scenario files against the user's own processes and
# endpoints (system under test, fault proxies, network load, steady-state
# probes). Part of gauntlet_chaos_net; included from chaos/CMakeLists.txt.
set(GAUNTLET_SERVICE_DIR ${CMAKE_CURRENT_LIST_DIR}/src/service)
target_sources(gauntlet_chaos_net PRIVATE
  ${GAUNTLET_SERVICE_DIR}/placeholders.cpp
  ${GAUNTLET_SERVICE_DIR}/http_url.cpp
  ${GAUNTLET_SERVICE_DIR}/service_yaml_reader.cpp
  ${GAUNTLET_SERVICE_DIR}/service_load_yaml.cpp
  ${GAUNTLET_SERVICE_DIR}/service_schedule_yaml.cpp
  ${GAUNTLET_SERVICE_DIR}/service_scenario_file.cpp
  ${GAUNTLET_SERVICE_DIR}/running_system.cpp
  ${GAUNTLET_SERVICE_DIR}/fault_actuator.cpp
  ${GAUNTLET_SERVICE_DIR}/steady_state_probe.cpp
  ${GAUNTLET_SERVICE_DIR}/service_target.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/process/memory_usage.cpp)
target_link_libraries(gauntlet_chaos_net PRIVATE yaml-cpp)

if(GAUNTLET_BUILD_TESTS)
  gauntlet_add_test(gauntlet_chaos_service_tests
    SOURCES
      ${CMAKE_CURRENT_LIST_DIR}/tests/service/placeholders_test.cpp
      ${CMAKE_CURRENT_LIST_DIR}/tests/service/service_yaml_test.cpp
      ${CMAKE_CURRENT_LIST_DIR}/tests/service/service_run_test.cpp
      ${CMAKE_CURRENT_LIST_DIR}/tests/service/memory_test.cpp
    LIBS gauntlet_chaos_net nlohmann_json::nlohmann_json
    LABELS "chaos;net")
  target_include_directories(gauntlet_chaos_service_tests PRIVATE ${CMAKE_CURRENT_LIST_DIR}/src)
  target_compile_definitions(gauntlet_chaos_service_tests PRIVATE GAUNTLET_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
endif()
