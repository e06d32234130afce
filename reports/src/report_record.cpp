// A report and its record (gauntlet.report/2), both ways: the JSON writer
// writes the record; a report file given as input is merged from it.
#include <algorithm>

#include "gauntlet/records/report_json.h"
#include "gauntlet/reports/report.h"
#include "gauntlet/reports/writers.h"

namespace gauntlet::reports {

records::ReportRecord report_record(const Report& report) {
  records::ReportRecord r;
  r.title = report.title;
  r.environment = report.environment;
  r.summary = summarize(report);
  r.tests = report.tests;
  for (const ChaosJournal& j : report.journals) r.journals.push_back({j.source, j.record});
  for (const GateInput& g : report.gates) r.gates.push_back({g.source, g.result});
  for (const PropertyResults& p : report.properties) r.properties.push_back({p.source, p.results});
  for (const HistorySeries& h : report.history) {
    r.history.push_back({h.benchmark, h.metric, h.values, change_points_for(h, report.gates)});
  }
  return r;
}

void add_report_record(Report& report, records::ReportRecord record) {
  for (auto& [key, value] : record.environment) {
    auto known = [&](const auto& kv) { return kv.first == key; };
    if (std::none_of(report.environment.begin(), report.environment.end(), known)) {
      report.environment.emplace_back(std::move(key), std::move(value));
    }
  }
  merge_into(report.tests, std::move(record.tests));
  for (records::SourcedJournal& j : record.journals) report.journals.push_back(chaos_journal_view(j.journal, j.source));
  for (records::SourcedGateResult& g : record.gates) report.gates.push_back({std::move(g.source), std::move(g.result)});
  for (records::SourcedPropertyResults& p : record.properties) {
    report.properties.push_back({std::move(p.results), std::move(p.source)});
  }
  for (records::ReportTrend& t : record.history) {
    report.history.push_back(
        {std::move(t.benchmark), std::move(t.values), std::move(t.change_points), std::move(t.metric)});
  }
}

std::string write_report_json(const Report& report, int indent) {
  return records::report_json(report_record(report), indent);
}

}  // namespace gauntlet::reports
