#pragma once
/// Figures about a test run that the reports show next to the test list:
/// success rate per suite and the slowest tests. Pure functions of a `TestRun`.
#include <cstddef>
#include <string>
#include <vector>

#include "gauntlet/reports/test_results.h"

namespace gauntlet::reports {

/// Outcomes of one GoogleTest suite.
struct SuiteRate {
  std::string suite;
  int passed = 0;
  int failed = 0;
  int skipped = 0;  ///< shown apart: not part of the rate
  /// passed / (passed + failed), in [0, 1]; NaN when the suite ran nothing (all skipped).
  double rate = 0.0;
};

/// One entry per suite of `run`: lowest rate first, suites that ran nothing
/// last, ties by suite name.
std::vector<SuiteRate> suite_rates(const TestRun& run);

/// Indices of the `limit` slowest cases of `run` (time_s > 0 only), slowest
/// first; equal times by suite, then name, then input order.
std::vector<std::size_t> slowest_tests(const TestRun& run, std::size_t limit = 10);

}  // namespace gauntlet::reports
