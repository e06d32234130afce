#pragma once
/// The `gauntlet.report/2` JSON document: the one writer and the one reader
/// of the report record (gauntlet/records/report.h). `gauntlet report --json`
/// writes through report_json; `gauntlet report` reads report files given as
/// inputs through read_report.
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "gauntlet/harness/error.h"
#include "gauntlet/records/report.h"

namespace gauntlet::records {

/// The document, keys in this order: schema, title, environment (an object),
/// summary, tests, properties, journals, gates, history. Each entry of
/// `journals`, `gates` and `properties` is its record's own document (as
/// journal_json, gate_result_json and property_results_json write it) with a
/// `source` key added. Indented by `indent` spaces; ill-formed UTF-8 in names
/// is replaced; a trailing newline.
std::string report_json(const ReportRecord& report, int indent = 2);

/// Reads a parsed report document from `source` (a file name, for errors).
/// Required: `schema` == kReportSchema and every top-level key the writer
/// writes; each embedded record is read by its own reader. Unknown keys are
/// ignored. Errors, all kSchemaError:
///  - "<source>: /schema: ..." for another version (gauntlet.report/1
///    included: its journals had another shape) or none;
///  - "<source>: <JSON pointer>: ..." for a missing or mistyped field, the
///    pointer leading from the report's root into an embedded record
///    (e.g. `/journals/0/phases/1/name`).
Result<ReportRecord> read_report(const nlohmann::json& doc, std::string_view source);

}  // namespace gauntlet::records
