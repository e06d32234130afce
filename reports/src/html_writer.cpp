// The HTML page: summary first (rendered here), then the test list (rendered by
// the inline script from the embedded JSON; no section without test results),
// then chaos, benchmarks and properties (rendered here, charts as inline SVG). A Content-Security-Policy
// forbids every network fetch, so the page works offline and leaks nothing.
#include <nlohmann/json.hpp>

#include <map>

#include "gauntlet/reports/writers.h"
#include "chaos_format.h"
#include "html_assets.h"
#include "html_sections.h"
#include "text_escape.h"

namespace gauntlet::reports {
namespace {

using detail::html;

// JSON inside <script>: '<', '>' and '&' (and the JS line separators) as \u
// escapes, so no string in the data can close the script element.
std::string script_json(const nlohmann::json& data) {
  std::string raw = data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::string out;
  out.reserve(raw.size() + raw.size() / 50);
  for (std::size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (c == '<') out += "\\u003c";
    else if (c == '>') out += "\\u003e";
    else if (c == '&') out += "\\u0026";
    else if (c == '\xE2' && i + 2 < raw.size() && raw[i + 1] == '\x80' &&
             (raw[i + 2] == '\xA8' || raw[i + 2] == '\xA9')) {
      out += raw[i + 2] == '\xA8' ? "\\u2028" : "\\u2029";
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

// Tests as compact rows [suite index, name, status (0 failed, 1 skipped, 2 passed),
// seconds, log, "file:line"], failures first.
nlohmann::json tests_data(const TestRun& run, const HtmlOptions& options) {
  nlohmann::json suites = nlohmann::json::array(), cases = nlohmann::json::array();
  std::map<std::string, std::size_t> suite_index;
  for (std::size_t i : failures_first_order(run)) {
    const TestCase& t = run.cases[i];
    auto [it, fresh] = suite_index.emplace(t.suite, suite_index.size());
    if (fresh) suites.push_back(t.suite);
    int status = t.status == TestStatus::kFailed ? 0 : t.status == TestStatus::kSkipped ? 1 : 2;
    std::string log;
    for (const std::string& f : t.failures) log += (log.empty() ? "" : "\n\n") + f;
    if (t.status == TestStatus::kSkipped) log = t.skip_message;
    std::string where = t.file.empty() ? "" : t.file + (t.line > 0 ? ":" + std::to_string(t.line) : "");
    cases.push_back({it->second, t.name, status, t.time_s, detail::cap_text(log, options.max_log_bytes), where});
  }
  return {{"suites", suites}, {"cases", cases}};
}

std::string stat(const std::string& key, const std::string& value, const std::string& detail_text, bool bad) {
  return "<div class=\"stat" + std::string(bad ? " bad" : "") + "\"><div class=\"k\">" + html(key) +
         "</div><div class=\"v\">" + html(value) + "</div><div class=\"d\">" + html(detail_text) + "</div></div>";
}

std::string summary_section(const Report& report, const ReportSummary& s) {
  std::string out = "<section id=\"summary\"><div class=\"verdict " + std::string(s.passed ? "pass" : "fail") +
                    "\"><h1>" + html(report.title) + "</h1><span class=\"big\" id=\"verdict\">" +
                    (s.passed ? "PASSED" : "FAILED") + "</span><span class=\"meta\">" + html(report.tests.timestamp) +
                    "</span></div><div class=\"cards\">";
  if (!report.tests.cases.empty()) {
    out += stat("Tests", std::to_string(s.tests.total),
                std::to_string(s.tests.failed) + " failed · " + std::to_string(s.tests.skipped) + " skipped",
                s.tests.failed > 0);
  }
  const detail::RunDuration ran = detail::run_duration(report);
  if (ran.anything) out += stat("Duration", detail::duration_value(ran), detail::duration_detail(ran), false);
  if (s.properties > 0) {
    out += stat("Properties", std::to_string(s.properties), std::to_string(s.properties_failed) + " failed",
                s.properties_failed > 0);
  }
  if (s.journals > 0) {
    out += stat("Chaos scenarios", std::to_string(s.journals), std::to_string(s.journals_failed) + " failed",
                s.journals_failed > 0);
  }
  if (s.benchmarks > 0) {
    out += stat("Benchmarks", std::to_string(s.benchmarks), std::to_string(s.benchmarks_regressed) + " regressed",
                s.benchmarks_regressed > 0);
  }
  if (s.budgets > 0) {
    out += stat("Budgets", std::to_string(s.budgets), std::to_string(s.budgets_failed) + " over", s.budgets_failed > 0);
  }
  out += "</div>";
  std::string glance;
  if (s.tests.failed > 0)
    glance += "<li><a href=\"#tests\">" + std::to_string(s.tests.failed) + " failed tests</a></li>";
  const std::vector<std::string> anchors = detail::journal_anchors(report);
  for (std::size_t i = 0; i < report.journals.size(); ++i) {
    const ChaosJournal& j = report.journals[i];
    if (!j.passed)
      glance += "<li><a href=\"#" + html(anchors[i]) + "\">chaos scenario " + html(j.scenario) + " (" +
                html(detail::run_time_text(j)) + ")</a></li>";
  }
  if (s.benchmarks_regressed + s.budgets_failed > 0) {
    glance += "<li><a href=\"#benchmarks\">" + std::to_string(s.benchmarks_regressed) + " regressed benchmarks, " +
              std::to_string(s.budgets_failed) + " budgets over</a></li>";
  }
  if (s.properties_failed > 0) {
    glance += "<li><a href=\"#properties\">" + std::to_string(s.properties_failed) + " failed properties</a></li>";
  }
  if (!glance.empty()) out += "<div class=\"glance\"><strong>What failed</strong><ul>" + glance + "</ul></div>";
  if (!report.environment.empty() || !report.tests.sources.empty()) {
    out += "<table class=\"env\"><tbody>";
    for (const auto& [k, v] : report.environment) out += "<tr><td>" + html(k) + "</td><td>" + html(v) + "</td></tr>";
    std::string inputs;
    for (const std::string& src : report.tests.sources) inputs += (inputs.empty() ? "" : ", ") + src;
    if (!inputs.empty()) out += "<tr><td>test inputs</td><td>" + html(inputs) + "</td></tr>";
    out += "</tbody></table>";
  }
  return out + "</section>";
}

std::string tests_section(const TestRun& run) {
  return "<section id=\"tests\"><h2>Tests</h2>" + detail::tests_overview(run) +
         "<div class=\"controls\">"
         "<input id=\"search\" type=\"search\" placeholder=\"Search names and messages\" aria-label=\"Search tests\">"
         "<button type=\"button\" data-status=\"all\" aria-pressed=\"true\">All</button>"
         "<button type=\"button\" data-status=\"failed\" aria-pressed=\"false\">Failed</button>"
         "<button type=\"button\" data-status=\"skipped\" aria-pressed=\"false\">Skipped</button>"
         "<button type=\"button\" data-status=\"passed\" aria-pressed=\"false\">Passed</button></div>"
         "<div id=\"test-count\"></div><div class=\"tests\" id=\"test-list\"></div>"
         "<button type=\"button\" id=\"more\" hidden>Show more</button></section>";
}

}  // namespace

std::string write_html(const Report& report, const HtmlOptions& options) {
  const ReportSummary s = summarize(report);
  std::string chaos = detail::chaos_section(report);
  std::string benchmarks = detail::benchmarks_section(report);
  std::string properties = detail::properties_section(report);

  std::string out;
  out.reserve(64 * 1024 + report.tests.cases.size() * 120);
  out +=
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
      "script-src 'unsafe-inline'; img-src data:\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<meta name=\"color-scheme\" content=\"light dark\"><title>";
  out += html(report.title) + (s.passed ? " · passed" : " · failed") + "</title><style>";
  out += detail::kReportStyle;
  const bool has_tests = !report.tests.cases.empty();
  out += "</style></head><body><div class=\"top\"><strong>Gauntlet</strong><nav><a href=\"#summary\">Summary</a>";
  if (has_tests) out += "<a href=\"#tests\">Tests</a>";
  if (!chaos.empty()) out += "<a href=\"#chaos\">Chaos</a>";
  if (!benchmarks.empty()) out += "<a href=\"#benchmarks\">Benchmarks</a>";
  if (!properties.empty()) out += "<a href=\"#properties\">Properties</a>";
  out += "</nav></div><main>";
  out += summary_section(report, s);
  if (has_tests) out += tests_section(report.tests);
  out += chaos + benchmarks + properties;
  out +=
      "<ul id=\"gauntlet-errors\" hidden></ul><footer>Generated by Gauntlet · schema gauntlet.report/2</footer></main>";
  out += "<script type=\"application/json\" id=\"gauntlet-data\">" + script_json(tests_data(report.tests, options)) +
         "</script><script>";
  out += detail::kReportScript;
  out += detail::kSortScript;
  out += "</script></body></html>\n";
  return out;
}

}  // namespace gauntlet::reports
