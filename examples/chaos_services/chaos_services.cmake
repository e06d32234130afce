# Scenario files against services Gauntlet did not write (labels
# chaos;net;services): each test runs `gauntlet chaos run FILE --seed 1`
# through run_scenario.sh. A healthy file must exit 0; a fragile one exactly 1
# and its output must name the hypotheses that were meant to fail (exit 2 is
# never a pass). Skipped (exit 77) when python3, nginx or redis-server is
# missing; failed instead when the environment sets CI.
# Included from the top-level CMakeLists.txt after gauntlet_add_cli_executable().
if(NOT GAUNTLET_BUILD_TESTS)
  return()
endif()

set(GAUNTLET_CHAOS_SERVICES_DIR ${CMAKE_CURRENT_LIST_DIR})

# gauntlet_add_service_scenario(NAME FILE EXPECTED_EXIT "PROGRAMS" [REGEX...])
function(gauntlet_add_service_scenario name file expected programs)
  set(test gauntlet_chaos_service_${name})
  add_test(NAME ${test}
           COMMAND sh ${GAUNTLET_CHAOS_SERVICES_DIR}/run_scenario.sh $<TARGET_FILE:gauntlet>
                   ${GAUNTLET_CHAOS_SERVICES_DIR}/${file} ${expected}
                   ${PROJECT_BINARY_DIR}/chaos-services/${name} "${programs}" ${ARGN})
  # Each run takes 10-12 s of real time and its hypotheses are about latency:
  # one at a time, and not beside other tests on a small machine.
  set_tests_properties(${test} PROPERTIES
    LABELS "chaos;net;services" TIMEOUT 60 SKIP_RETURN_CODE 77
    RESOURCE_LOCK gauntlet_chaos_services PROCESSORS 2)
endfunction()

gauntlet_add_service_scenario(python_latency_spike python_front_backend/latency_spike.yaml 0 "python3")
gauntlet_add_service_scenario(python_latency_spike_fragile python_front_backend/latency_spike_fragile.yaml 1 "python3"
  "FAIL spike: latency p99" "FAIL spike: error rate")
gauntlet_add_service_scenario(python_backend_crash python_front_backend/backend_crash.yaml 0 "python3")
gauntlet_add_service_scenario(python_backend_crash_fragile python_front_backend/backend_crash_fragile.yaml 1 "python3"
  "FAIL outage: error rate" "FAIL outage: status 5xx")
gauntlet_add_service_scenario(nginx_slow_link nginx/slow_link.yaml 0 "python3 nginx")
gauntlet_add_service_scenario(nginx_slow_link_fragile nginx/slow_link_fragile.yaml 1 "python3 nginx"
  "FAIL slow_link: latency p99")
gauntlet_add_service_scenario(redis_network_faults redis/network_faults.yaml 0 "redis-server redis-cli")
gauntlet_add_service_scenario(redis_partition redis/partition.yaml 0 "redis-server redis-cli")
gauntlet_add_service_scenario(redis_partition_fragile redis/partition_fragile.yaml 1 "redis-server redis-cli"
  "FAIL partition: latency p99" "FAIL partition: no stretch" "FAIL error rate back to steady")
