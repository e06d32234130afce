#pragma once
/// Everything one CI run produced, gathered for the writers (HTML, JUnit,
/// Markdown, JSON). Inputs are files; nothing here runs a producer.
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "gauntlet/harness/error.h"
#include "gauntlet/records/report.h"
#include "gauntlet/reports/chaos_journal.h"
#include "gauntlet/reports/gate_result.h"
#include "gauntlet/reports/history.h"
#include "gauntlet/reports/property_results.h"
#include "gauntlet/reports/test_results.h"

namespace gauntlet::reports {

struct Report {
  std::string title = "Gauntlet report";
  std::vector<std::pair<std::string, std::string>> environment;  ///< shown in the summary
  TestRun tests;
  std::vector<ChaosJournal> journals;
  std::vector<GateInput> gates;
  std::vector<PropertyResults> properties;
  std::vector<HistorySeries> history;
};

/// Counts across every input, for summaries (the report record's).
using records::ReportSummary;

ReportSummary summarize(const Report& report);

/// Adds one input file to `report`, recognised by content: GoogleTest XML,
/// GoogleTest JSON, a JSON document with a known "schema", or a SQLite history;
/// or the PostgreSQL history a `postgresql://` URI names. A report
/// (`gauntlet.report/2`, e.g. another CI job's) adds everything it holds, each
/// record with the source it names; its title and summary are not kept, and
/// its environment adds only the keys `report` does not have yet.
/// Errors: kSchemaError for an unknown kind ("file: not a ..."), and the
/// readers' errors, every message starting with the file name.
Status add_input(Report& report, const std::filesystem::path& path);

/// The report record of `report` (gauntlet/records/report.h): its inputs as
/// read, the summary, and each history series with its change points.
records::ReportRecord report_record(const Report& report);

/// Adds everything `record` holds to `report`, as add_input does for a report file.
void add_report_record(Report& report, records::ReportRecord record);

}  // namespace gauntlet::reports
