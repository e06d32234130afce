#include "gauntlet/reports/test_results.h"

#include <algorithm>
#include <numeric>

namespace gauntlet::reports {

TestCounts count_tests(const TestRun& run) noexcept {
  TestCounts c;
  for (const TestCase& t : run.cases) {
    ++c.total;
    switch (t.status) {
      case TestStatus::kPassed:
        ++c.passed;
        break;
      case TestStatus::kFailed:
        ++c.failed;
        break;
      case TestStatus::kSkipped:
        ++c.skipped;
        break;
    }
  }
  return c;
}

void merge_into(TestRun& into, TestRun part) {
  into.cases.reserve(into.cases.size() + part.cases.size());
  for (TestCase& c : part.cases) into.cases.push_back(std::move(c));
  into.duration_s += part.duration_s;
  if (!part.timestamp.empty() && (into.timestamp.empty() || part.timestamp < into.timestamp)) {
    into.timestamp = part.timestamp;
  }
  for (std::string& s : part.sources) into.sources.push_back(std::move(s));
}

std::vector<std::size_t> failures_first_order(const TestRun& run) {
  auto rank = [](TestStatus s) { return s == TestStatus::kFailed ? 0 : s == TestStatus::kSkipped ? 1 : 2; };
  std::vector<std::size_t> order(run.cases.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const TestCase& x = run.cases[a];
    const TestCase& y = run.cases[b];
    if (rank(x.status) != rank(y.status)) return rank(x.status) < rank(y.status);
    if (x.suite != y.suite) return x.suite < y.suite;
    return x.name < y.name;
  });
  return order;
}

}  // namespace gauntlet::reports
