# Chaos against real processes: supervised processes, the TCP fault proxy with its
# Toxiproxy-compatible control API, and network load. Included from
# chaos/CMakeLists.txt (after gauntlet_chaos); paths are relative to this file.
# The out-of-process chain scenarios are tested beside their fixture (fixtures/http_chain).
set(GAUNTLET_NET_DIR ${CMAKE_CURRENT_LIST_DIR})
find_package(Boost 1.81 REQUIRED)

gauntlet_add_library(gauntlet_chaos_net
  SOURCES
    ${GAUNTLET_NET_DIR}/src/netload/endpoint.cpp
    ${GAUNTLET_NET_DIR}/src/netload/http_probe.cpp
    ${GAUNTLET_NET_DIR}/src/netload/http_request_mix.cpp
    ${GAUNTLET_NET_DIR}/src/netload/load_connection.cpp
    ${GAUNTLET_NET_DIR}/src/netload/load_run_state.cpp
    ${GAUNTLET_NET_DIR}/src/netload/net_load.cpp
    ${GAUNTLET_NET_DIR}/src/process/nginx.cpp
    ${GAUNTLET_NET_DIR}/src/process/launcher_thread.cpp
    ${GAUNTLET_NET_DIR}/src/process/group_watchdog.cpp
    ${GAUNTLET_NET_DIR}/src/process/process_target.cpp
    ${GAUNTLET_NET_DIR}/src/process/log_tail.cpp
    ${GAUNTLET_NET_DIR}/src/process/supervised_process.cpp
    ${GAUNTLET_NET_DIR}/src/proxy/toxic.cpp
    ${GAUNTLET_NET_DIR}/src/proxy/toxic_dice.cpp
    ${GAUNTLET_NET_DIR}/src/proxy/proxy_json.cpp
    ${GAUNTLET_NET_DIR}/src/proxy/chunk_queue.cpp
    ${GAUNTLET_NET_DIR}/src/proxy/connection.cpp
    ${GAUNTLET_NET_DIR}/src/proxy/connection_writer.cpp
    ${GAUNTLET_NET_DIR}/src/proxy/kernel_splice.cpp
    ${GAUNTLET_NET_DIR}/src/proxy/sigpipe.cpp
    ${GAUNTLET_NET_DIR}/src/proxy/upstream_route.cpp
    ${GAUNTLET_NET_DIR}/src/proxy/tcp_proxy.cpp
    ${GAUNTLET_NET_DIR}/src/proxy/proxy_server.cpp
    ${GAUNTLET_NET_DIR}/src/proxy/control_api.cpp
    ${GAUNTLET_NET_DIR}/src/proxy/control_server.cpp
  PUBLIC_DEPS gauntlet_harness_core gauntlet_harness_metrics gauntlet_chaos Boost::headers Threads::Threads nlohmann_json::nlohmann_json
  PRIVATE_DEPS fmt::fmt
  INCLUDE_DIR ${GAUNTLET_NET_DIR}/include)
target_include_directories(gauntlet_chaos_net PRIVATE ${GAUNTLET_NET_DIR}/src)
target_compile_definitions(gauntlet_chaos_net PUBLIC BOOST_ASIO_NO_DEPRECATED PRIVATE BOOST_PROCESS_USE_STD_FS)
add_library(gauntlet::chaos_net ALIAS gauntlet_chaos_net)

if(GAUNTLET_BUILD_TESTS)
  add_executable(gauntlet_chaos_net_orphan_helper ${GAUNTLET_NET_DIR}/tests/process/orphan_helper_main.cpp)
  target_link_libraries(gauntlet_chaos_net_orphan_helper PRIVATE gauntlet_chaos_net)
  gauntlet_add_test(gauntlet_chaos_net_tests
    SOURCES
      ${GAUNTLET_NET_DIR}/tests/process/supervised_process_test.cpp
      ${GAUNTLET_NET_DIR}/tests/proxy/fault_proxy_test.cpp
      ${GAUNTLET_NET_DIR}/tests/proxy/control_api_test.cpp
      ${GAUNTLET_NET_DIR}/tests/proxy/control_hardening_test.cpp
      ${GAUNTLET_NET_DIR}/tests/proxy/proxy_latency_chunks_test.cpp
      ${GAUNTLET_NET_DIR}/tests/proxy/proxy_sigpipe_test.cpp
      ${GAUNTLET_NET_DIR}/tests/proxy/proxy_upstream_name_test.cpp
      ${GAUNTLET_NET_DIR}/tests/netload/net_load_test.cpp
      ${GAUNTLET_NET_DIR}/tests/netload/nginx_proxy_test.cpp
    LIBS gauntlet_chaos_net nlohmann_json::nlohmann_json
    LABELS "chaos;net")
  add_executable(gauntlet_chaos_net_control_server_child ${GAUNTLET_NET_DIR}/tests/proxy/control_server_child_main.cpp)
  target_link_libraries(gauntlet_chaos_net_control_server_child PRIVATE gauntlet_chaos_net)
  add_dependencies(gauntlet_chaos_net_tests gauntlet_chaos_net_orphan_helper gauntlet_chaos_net_control_server_child)
  target_compile_definitions(gauntlet_chaos_net_tests PRIVATE
    GAUNTLET_ORPHAN_HELPER="$<TARGET_FILE:gauntlet_chaos_net_orphan_helper>"
    GAUNTLET_CONTROL_SERVER_CHILD="$<TARGET_FILE:gauntlet_chaos_net_control_server_child>")
endif()

# `gauntlet proxy`
add_library(gauntlet_chaos_net_cli OBJECT ${GAUNTLET_NET_DIR}/cli/proxy_command.cpp)
target_link_libraries(gauntlet_chaos_net_cli PUBLIC gauntlet_chaos_net gauntlet_cli)
target_compile_definitions(gauntlet_chaos_net_cli PRIVATE GAUNTLET_NET_VERSION="${PROJECT_VERSION}")
gauntlet_warnings(gauntlet_chaos_net_cli)
gauntlet_register_cli(gauntlet_chaos_net_cli)

include(${CMAKE_CURRENT_LIST_DIR}/toxiproxy_node.cmake)  # the Toxiproxy client peer test
