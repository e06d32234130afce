# Fuzz targets of the reports component (see cmake/GauntletFuzz.cmake).
set(reports_fuzz ${CMAKE_CURRENT_LIST_DIR})
set(reports_data ${PROJECT_SOURCE_DIR}/reports/tests/data)

gauntlet_add_fuzz_target(fuzz_gtest_xml
  SOURCES ${reports_fuzz}/gtest_xml_fuzz.cpp
  LIBS gauntlet_reports
  SEEDS ${reports_fuzz}/seeds/gtest_xml ${reports_data}/hostile_gtest.xml
        ${PROJECT_SOURCE_DIR}/reports/tests/golden/sample.junit.xml ${reports_fuzz}/regressions/gtest_xml
  DICT ${reports_fuzz}/gtest_xml.dict)

gauntlet_add_fuzz_target(fuzz_gtest_json
  SOURCES ${reports_fuzz}/gtest_json_fuzz.cpp
  LIBS gauntlet_reports
  SEEDS ${reports_fuzz}/seeds/gtest_json
  DICT ${reports_fuzz}/report_json.dict)

# Chaos journals, gate results, property results and reports: one source, one reader each.
foreach(record journal:1 gate_result:2 property_results:3 report:4)
  string(REPLACE ":" ";" parts ${record})
  list(GET parts 0 record_name)
  list(GET parts 1 record_id)
  set(record_seeds ${reports_fuzz}/regressions/record_json)
  if(record_name STREQUAL "journal")
    list(APPEND record_seeds ${PROJECT_SOURCE_DIR}/ci/fuzz/seeds/journal ${reports_data}/journal_cache.json)
  elseif(record_name STREQUAL "gate_result")
    list(APPEND record_seeds ${reports_fuzz}/seeds/gate ${PROJECT_SOURCE_DIR}/ci/tests/golden/gate.json)
  elseif(record_name STREQUAL "report")
    list(APPEND record_seeds ${PROJECT_SOURCE_DIR}/reports/tests/golden/sample.report.json)
  else()
    list(APPEND record_seeds ${reports_fuzz}/seeds/properties ${reports_data}/properties.json)
  endif()
  gauntlet_add_fuzz_target(fuzz_${record_name}
    SOURCES ${reports_fuzz}/record_json_fuzz.cpp
    LIBS gauntlet_reports
    INCLUDES ${PROJECT_SOURCE_DIR}/reports/src
    DEFINES GAUNTLET_FUZZ_RECORD=${record_id}
    SEEDS ${record_seeds}
    DICT ${reports_fuzz}/report_json.dict)
endforeach()

gauntlet_add_fuzz_target(fuzz_report_history
  SOURCES ${reports_fuzz}/history_fuzz.cpp
  LIBS gauntlet_reports
  SEEDS ${PROJECT_SOURCE_DIR}/ci/fuzz/seeds/history_db
  MUTATIONS 1500)
