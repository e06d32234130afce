# The benchmark history record (schema, SQLite and PostgreSQL stores, the
# per-run series): declared, written and read here.
find_package(SQLite3 REQUIRED)
find_package(PostgreSQL REQUIRED)
target_sources(gauntlet_records PRIVATE
  src/history_store.cpp src/history_checks.cpp src/history_copy.cpp src/history_series.cpp
  src/sqlite_history_open.cpp src/sqlite_history.cpp
  src/pg_session.cpp src/postgres_history_open.cpp src/postgres_history.cpp)
target_link_libraries(gauntlet_records PRIVATE SQLite::SQLite3 PostgreSQL::PostgreSQL)

gauntlet_add_test(gauntlet_records_history_tests
  SOURCES tests/history_test.cpp tests/history_text_test.cpp
  LIBS gauntlet_records SQLite::SQLite3
  LABELS records)

# A throwaway PostgreSQL server per test (records/tests/postgres_server.h) for
# the PostgreSQL history backend's tests. Test support: not installed.
if(GAUNTLET_BUILD_TESTS)
  find_package(PostgreSQL REQUIRED)
  add_library(gauntlet_records_postgres_server STATIC tests/postgres_server.cpp tests/postgres_process.cpp)
  target_link_libraries(gauntlet_records_postgres_server PUBLIC gauntlet::harness GTest::gtest PostgreSQL::PostgreSQL)
  target_include_directories(gauntlet_records_postgres_server PUBLIC ${PROJECT_SOURCE_DIR})
  gauntlet_warnings(gauntlet_records_postgres_server)

  gauntlet_add_test(gauntlet_records_postgres_server_tests
    SOURCES tests/postgres_server_test.cpp
    LIBS gauntlet_records_postgres_server PostgreSQL::PostgreSQL
    LABELS records)

  # The store's promises, the same tests on SQLite and on PostgreSQL.
  gauntlet_add_test(gauntlet_records_history_store_tests
    SOURCES tests/history_store_test.cpp tests/history_writers_test.cpp tests/postgres_history_test.cpp
    LIBS gauntlet_records gauntlet_records_postgres_server
    LABELS records)
endif()
