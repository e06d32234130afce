#include "gauntlet/reports/test_stats.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>

namespace gauntlet::reports {

std::vector<SuiteRate> suite_rates(const TestRun& run) {
  std::map<std::string, SuiteRate> by_suite;
  for (const TestCase& t : run.cases) {
    SuiteRate& s = by_suite[t.suite];
    s.suite = t.suite;
    switch (t.status) {
      case TestStatus::kPassed:
        ++s.passed;
        break;
      case TestStatus::kFailed:
        ++s.failed;
        break;
      case TestStatus::kSkipped:
        ++s.skipped;
        break;
    }
  }
  std::vector<SuiteRate> out;
  out.reserve(by_suite.size());
  for (auto& [name, s] : by_suite) {
    const int ran = s.passed + s.failed;
    s.rate = ran > 0 ? static_cast<double>(s.passed) / ran : std::numeric_limits<double>::quiet_NaN();
    out.push_back(std::move(s));
  }
  // Already by name (std::map); a stable sort keeps that for equal rates.
  std::stable_sort(out.begin(), out.end(), [](const SuiteRate& a, const SuiteRate& b) {
    if (std::isnan(a.rate) || std::isnan(b.rate)) return !std::isnan(a.rate) && std::isnan(b.rate);
    return a.rate < b.rate;
  });
  return out;
}

std::vector<std::size_t> slowest_tests(const TestRun& run, std::size_t limit) {
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < run.cases.size(); ++i) {
    if (run.cases[i].time_s > 0) order.push_back(i);  // NaN is not > 0
  }
  auto before = [&](std::size_t a, std::size_t b) {
    const TestCase& x = run.cases[a];
    const TestCase& y = run.cases[b];
    if (x.time_s != y.time_s) return x.time_s > y.time_s;
    if (x.suite != y.suite) return x.suite < y.suite;
    if (x.name != y.name) return x.name < y.name;
    return a < b;
  };
  const std::size_t keep = std::min(limit, order.size());
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(keep), order.end(), before);
  order.resize(keep);
  return order;
}

}  // namespace gauntlet::reports
