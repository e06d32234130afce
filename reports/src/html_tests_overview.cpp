// The tests section's static part: success rate per suite and the slowest
// tests, as sortable tables (complete without script).
#include <string>

#include "gauntlet/reports/test_stats.h"
#include "html_sections.h"
#include "html_sortable.h"
#include "test_stats_format.h"
#include "text_escape.h"

namespace gauntlet::reports::detail {

std::string tests_overview(const TestRun& run) {
  std::string out =
      "<div class=\"overview\"><div class=\"card\"><header><h3>Success rate per suite</h3>"
      "<span class=\"meta\">passed / (passed + failed); skipped counted apart</span></header>"
      "<table class=\"grid-t\" id=\"suite-rates\"><thead><tr>" +
      sort_th("Suite", SortAs::kText) + sort_th("Success rate", SortAs::kNumber) + sort_th("Passed", SortAs::kNumber) +
      sort_th("Failed", SortAs::kNumber) + sort_th("Skipped", SortAs::kNumber) + "</tr></thead><tbody>";
  for (const SuiteRate& s : suite_rates(run)) {
    out += "<tr class=\"" + std::string(s.failed > 0 ? "bad" : "ok") + "\"><td class=\"name\">" + html(s.suite) +
           "</td>" + number_td(rate_text(s.rate), s.rate) + number_td(std::to_string(s.passed), s.passed) +
           number_td(std::to_string(s.failed), s.failed) + number_td(std::to_string(s.skipped), s.skipped) + "</tr>";
  }
  out += "</tbody></table></div>";
  const std::vector<std::size_t> slowest = slowest_tests(run, 10);
  if (!slowest.empty()) {
    out += "<div class=\"card\"><header><h3>Slowest tests</h3><span class=\"meta\">top " +
           std::to_string(slowest.size()) +
           " by time</span></header><table class=\"grid-t\" id=\"slowest-tests\"><thead><tr>" +
           sort_th("#", SortAs::kNumber) + sort_th("Suite", SortAs::kText) + sort_th("Test", SortAs::kText) +
           sort_th("Status", SortAs::kText) + sort_th("Time", SortAs::kNumber) + "</tr></thead><tbody>";
    for (std::size_t rank = 0; rank < slowest.size(); ++rank) {
      const TestCase& t = run.cases[slowest[rank]];
      out += "<tr class=\"" + std::string(t.status == TestStatus::kFailed ? "bad" : "ok") + "\">" +
             number_td(std::to_string(rank + 1), static_cast<double>(rank + 1)) + "<td class=\"name\">" +
             html(t.suite) + "</td><td class=\"name\">" + html(t.name) + "</td><td>" + to_string(t.status) + "</td>" +
             number_td(test_time_text(t.time_s), t.time_s) + "</tr>";
    }
    out += "</tbody></table></div>";
  }
  return out + "</div>";
}

}  // namespace gauntlet::reports::detail
