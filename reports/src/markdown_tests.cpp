#include "markdown_tests.h"

#include "gauntlet/harness/markdown_text.h"

#include "gauntlet/reports/test_stats.h"
#include "test_stats_format.h"
#include "text_escape.h"

namespace gauntlet::reports::detail {

std::string slowest_tests_markdown(const TestRun& run) {
  const std::vector<std::size_t> slowest = slowest_tests(run, 10);
  if (slowest.empty()) return {};
  std::string out = "\n### Slowest tests\n\n| # | suite | test | status | time |\n|---:|---|---|---|---:|\n";
  for (std::size_t rank = 0; rank < slowest.size(); ++rank) {
    const TestCase& t = run.cases[slowest[rank]];
    out += "| " + std::to_string(rank + 1) + " | " + markdown_inline(t.suite) + " | " + markdown_inline(t.name) +
           " | " + to_string(t.status) + " | " + test_time_text(t.time_s) + " |\n";
  }
  return out + "\n";
}

std::string suite_rates_markdown(const TestRun& run) {
  const std::vector<SuiteRate> rates = suite_rates(run);
  if (rates.empty()) return {};
  std::string out = "<details><summary>Success rate per suite (" + std::to_string(rates.size()) +
                    (rates.size() == 1 ? " suite" : " suites") +
                    "; passed / (passed + failed), skipped apart)</summary>\n\n"
                    "| suite | success rate | passed | failed | skipped |\n|---|---:|---:|---:|---:|\n";
  for (const SuiteRate& s : rates) {
    out += "| " + markdown_inline(s.suite) + " | " + rate_text(s.rate) + " | " + std::to_string(s.passed) + " | " +
           std::to_string(s.failed) + " | " + std::to_string(s.skipped) + " |\n";
  }
  return out + "\n</details>\n\n";
}

}  // namespace gauntlet::reports::detail
