#pragma once
/// The report formats. Writers only format: they never read files or run anything.
#include <cstddef>
#include <string>

#include "gauntlet/reports/report.h"

namespace gauntlet::reports {

/// JUnit XML (valid against Jenkins' junit-10.xsd): one <testsuite> per
/// GoogleTest suite, failures as <failure>, skipped as <skipped>, times in
/// seconds; property failures and failed hypotheses/budgets appear as their
/// own suites so CI systems show them too.
std::string write_junit_xml(const Report& report);

struct MarkdownOptions {
  std::size_t max_bytes = 1000 * 1024;  ///< GitHub step summaries must stay under 1 MiB
  std::string html_name;                ///< named in the truncation note, may be empty
  std::size_t max_failures = 50;        ///< failures listed in full
};

/// Markdown summary for CI pages ($GITHUB_STEP_SUMMARY): verdict, counts,
/// failures, regressions, chaos and properties. Never longer than `max_bytes`;
/// when cut, ends with a note pointing to the HTML report.
std::string write_markdown(const Report& report, const MarkdownOptions& options = {});

/// The whole report as versioned JSON: report_record(report) written by
/// records::report_json (`"schema": "gauntlet.report/2"`).
std::string write_report_json(const Report& report, int indent = 2);

struct HtmlOptions {
  std::size_t max_log_bytes = 8 * 1024;  ///< failure text kept per test case
};

/// One self-contained HTML page (no network access: CSS, script and SVG inline).
std::string write_html(const Report& report, const HtmlOptions& options = {});

}  // namespace gauntlet::reports
