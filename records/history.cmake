# The benchmark history record (schema, SQLite store, the per-run series):
# declared, written and read here.
find_package(SQLite3 REQUIRED)
target_sources(gauntlet_records PRIVATE src/sqlite_history_open.cpp src/sqlite_history.cpp src/history_series.cpp)
target_link_libraries(gauntlet_records PRIVATE SQLite::SQLite3)

gauntlet_add_test(gauntlet_records_history_tests
  SOURCES tests/history_test.cpp tests/history_text_test.cpp
  LIBS gauntlet_records SQLite::SQLite3
  LABELS records)
