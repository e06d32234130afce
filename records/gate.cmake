# The gate result record (gauntlet.gate/1): declared, written and read here.
target_sources(gauntlet_records PRIVATE src/gate_result.cpp src/gate_result_writer.cpp src/gate_result_reader.cpp
                                        src/gate_result_checks_reader.cpp src/gate_result_text.cpp)
target_link_libraries(gauntlet_records PRIVATE fmt::fmt)

gauntlet_add_test(gauntlet_records_gate_tests
  SOURCES tests/gate_result_json_test.cpp
  LIBS gauntlet_records nlohmann_json::nlohmann_json
  LABELS records)
