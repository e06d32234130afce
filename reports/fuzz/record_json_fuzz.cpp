// Fuzz target: Gauntlet's own records as `gauntlet report` reads them — a
// chaos journal (gauntlet.journal/1), a gate result (gauntlet.gate/1),
// property results (gauntlet.properties/1) or a report (gauntlet.report/2) —
// then every writer. One source, four targets: GAUNTLET_FUZZ_RECORD picks the
// reader (1, 2, 3, 4).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "gauntlet/harness/json_document.h"
#include "gauntlet/records/gate_result_json.h"
#include "gauntlet/records/property_results_json.h"
#include "gauntlet/records/report_json.h"
#include "write_all.h"

#ifndef GAUNTLET_FUZZ_RECORD
#error "define GAUNTLET_FUZZ_RECORD: 1 journal, 2 gate result, 3 property results, 4 report"
#endif

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace gauntlet::reports;
  auto doc = gauntlet::parse_json_document(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.json",
                                           "a Gauntlet record");
  if (!doc.ok()) return 0;
  Report report;
#if GAUNTLET_FUZZ_RECORD == 1
  auto record = gauntlet::records::read_journal(*doc, "fuzz.json");
  if (!record.ok()) return 0;
  report.journals.push_back(chaos_journal_view(*record, "fuzz.json"));
#elif GAUNTLET_FUZZ_RECORD == 2
  auto record = gauntlet::records::read_gate_result(*doc, "fuzz.json");
  if (!record.ok()) return 0;
  report.gates.push_back({"fuzz.json", std::move(*record)});
#elif GAUNTLET_FUZZ_RECORD == 4
  auto record = gauntlet::records::read_report(*doc, "fuzz.json");
  if (!record.ok()) return 0;
  add_report_record(report, std::move(*record));
#else
  auto record = gauntlet::records::read_property_results(*doc, "fuzz.json");
  if (!record.ok()) return 0;
  report.properties.push_back({std::move(*record), "fuzz.json"});
#endif
  fuzz::write_all(report);
  return 0;
}
