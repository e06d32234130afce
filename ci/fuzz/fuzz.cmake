# Fuzz targets of the ci component (see cmake/GauntletFuzz.cmake).
set(ci_fuzz ${CMAKE_CURRENT_LIST_DIR})

gauntlet_add_fuzz_target(fuzz_benchmark_json
  SOURCES ${ci_fuzz}/benchmark_json_fuzz.cpp
  LIBS gauntlet_ci
  SEEDS ${PROJECT_SOURCE_DIR}/ci/tests/data/full_run.json ${PROJECT_SOURCE_DIR}/ci/tests/data/aggregates_only.json
        ${PROJECT_SOURCE_DIR}/ci/tests/data/truncated.json ${PROJECT_SOURCE_DIR}/ci/tests/data/wrong_type.json
        ${ci_fuzz}/regressions/benchmark_json
  DICT ${ci_fuzz}/benchmark_json.dict)

gauntlet_add_fuzz_target(fuzz_gate_config
  SOURCES ${ci_fuzz}/gate_config_fuzz.cpp
  LIBS gauntlet_ci
  SEEDS ${PROJECT_SOURCE_DIR}/benchmarks/baselines/demo-gate.yaml ${ci_fuzz}/seeds/gate_config
        ${ci_fuzz}/regressions/gate_config
  DICT ${ci_fuzz}/gate_config.dict)

gauntlet_add_fuzz_target(fuzz_journal_latencies
  SOURCES ${ci_fuzz}/journal_latencies_fuzz.cpp
  LIBS gauntlet_ci
  SEEDS ${ci_fuzz}/seeds/journal ${ci_fuzz}/regressions/journal_latencies
  DICT ${PROJECT_SOURCE_DIR}/reports/fuzz/report_json.dict)

gauntlet_add_fuzz_target(fuzz_history_db
  SOURCES ${ci_fuzz}/history_db_fuzz.cpp
  LIBS gauntlet_ci
  SEEDS ${ci_fuzz}/seeds/history_db ${ci_fuzz}/regressions/history_db
  MUTATIONS 1500)
