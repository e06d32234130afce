#pragma once
/// The report record (`gauntlet.report/2`, docs/reports.md): everything one
/// CI run produced, as `gauntlet report --json` writes it for dashboards and
/// as `gauntlet report` reads it back to merge the reports of several jobs.
/// Each input record is carried as its producer wrote it (a journal as
/// gauntlet.journal/1, a gate result as gauntlet.gate/1, property results as
/// gauntlet.properties/1), with the file it came from; the report adds only
/// its title, environment, summary, test results and history trends.
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gauntlet/records/gate_result.h"
#include "gauntlet/records/journal.h"
#include "gauntlet/records/property_results.h"
#include "gauntlet/records/test_results.h"

namespace gauntlet::records {

inline constexpr std::string_view kReportSchema = "gauntlet.report/2";

/// Counts across every input, for summaries.
struct ReportSummary {
  TestCounts tests;
  int journals = 0, journals_failed = 0;
  int benchmarks = 0, benchmarks_regressed = 0;
  int budgets = 0, budgets_failed = 0;
  int properties = 0, properties_failed = 0;
  bool passed = true;  ///< nothing failed anywhere
  friend bool operator==(const ReportSummary&, const ReportSummary&) = default;
};

/// A chaos journal and the file it was read from.
struct SourcedJournal {
  std::string source;
  Journal journal;
  friend bool operator==(const SourcedJournal&, const SourcedJournal&) = default;
};

/// A gate result and the file it was read from.
struct SourcedGateResult {
  std::string source;
  GateResult result;
};

/// The property results of one file.
struct SourcedPropertyResults {
  std::string source;
  std::vector<PropertyResult> results;
};

/// A benchmark's trend: records::history_series of `metric` (oldest first),
/// with the indices where a gate found a new level.
struct ReportTrend {
  std::string benchmark;
  std::string metric;
  std::vector<double> values;
  std::vector<std::size_t> change_points;
  friend bool operator==(const ReportTrend&, const ReportTrend&) = default;
};

struct ReportRecord {
  std::string title;
  /// Written in this order as a JSON object; read back sorted by key.
  std::vector<std::pair<std::string, std::string>> environment;
  ReportSummary summary;
  TestRun tests;
  std::vector<SourcedJournal> journals;
  std::vector<SourcedGateResult> gates;
  std::vector<SourcedPropertyResults> properties;
  std::vector<ReportTrend> history;
};

}  // namespace gauntlet::records
