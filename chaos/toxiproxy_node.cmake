# The Toxiproxy peer test (labels chaos;net;peer): the real toxiproxy-node-client,
# installed by ci/install-deps.sh into .gauntlet-test-node/ (ignored by git),
# drives `gauntlet proxy` through every call it documents. Skipped (exit 77)
# without node or the client; failed instead when the environment sets CI.
# Included at the end of chaos/net.cmake. See docs/net.md.
if(GAUNTLET_BUILD_TESTS)
  set(GAUNTLET_TOXIPROXY_NODE_TEST_DIR ${CMAKE_CURRENT_LIST_DIR}/tests/proxy/toxiproxy_node)
  add_test(NAME gauntlet_proxy_toxiproxy_node_client
           COMMAND bash ${GAUNTLET_TOXIPROXY_NODE_TEST_DIR}/run.sh $<TARGET_FILE:gauntlet>
                   ${PROJECT_SOURCE_DIR}/.gauntlet-test-node)
  set_tests_properties(gauntlet_proxy_toxiproxy_node_client PROPERTIES
    LABELS "chaos;net;peer" TIMEOUT 60 SKIP_RETURN_CODE 77)
endif()
