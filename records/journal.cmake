# The chaos journal record (gauntlet.journal/1): its structs, writer and reader.
target_sources(gauntlet_records PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/src/journal_writer.cpp ${CMAKE_CURRENT_LIST_DIR}/src/journal_reader.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/journal_config_reader.cpp ${CMAKE_CURRENT_LIST_DIR}/src/journal_phases_reader.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/journal_fields.cpp)

gauntlet_add_test(gauntlet_records_journal_tests
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tests/journal_test.cpp
  LIBS gauntlet_records nlohmann_json::nlohmann_json
  LABELS records)
