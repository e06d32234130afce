#pragma once
/// Everything one CI run produced, gathered for the writers (HTML, JUnit,
/// Markdown, JSON). Inputs are files; nothing here runs a producer.
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "gauntlet/harness/error.h"
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

/// Counts across every input, for summaries.
struct ReportSummary {
  TestCounts tests;
  int journals = 0, journals_failed = 0;
  int benchmarks = 0, benchmarks_regressed = 0;
  int budgets = 0, budgets_failed = 0;
  int properties = 0, properties_failed = 0;
  bool passed = true;  ///< nothing failed anywhere
};

ReportSummary summarize(const Report& report);

/// Adds one input file to `report`, recognised by content: GoogleTest XML,
/// GoogleTest JSON, a JSON document with a known "schema", or a SQLite history;
/// or the PostgreSQL history a `postgresql://` URI names.
/// Errors: kSchemaError for an unknown kind ("file: not a ..."), and the
/// readers' errors, every message starting with the file name.
Status add_input(Report& report, const std::filesystem::path& path);

}  // namespace gauntlet::reports
