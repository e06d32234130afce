# The report record (gauntlet.report/2) and the test results it carries:
# declared, written and read here.
target_sources(gauntlet_records PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/src/test_results.cpp ${CMAKE_CURRENT_LIST_DIR}/src/report_writer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/report_reader.cpp)

gauntlet_add_test(gauntlet_records_report_tests
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tests/report_json_test.cpp
  LIBS gauntlet_records nlohmann_json::nlohmann_json
  LABELS records)
