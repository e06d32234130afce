# Suite instantiations against implementations (included by CMakeLists.txt).
gauntlet_add_test(gauntlet_properties_fixture_tests
  SOURCES tests/fixture_breaker_properties_test.cpp tests/fixture_metrics_properties_test.cpp tests/fixture_tracing_properties_test.cpp
  LIBS gauntlet_properties gauntlet_fixtures_mutants
  LABELS properties)
