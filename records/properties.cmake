# The property results record (gauntlet.properties/1): declared, written and read here.
target_sources(gauntlet_records PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/src/property_results.cpp ${CMAKE_CURRENT_LIST_DIR}/src/property_results_writer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/property_results_reader.cpp)

gauntlet_add_test(gauntlet_records_properties_tests
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tests/property_results_test.cpp
  LIBS gauntlet_records nlohmann_json::nlohmann_json
  LABELS records)
