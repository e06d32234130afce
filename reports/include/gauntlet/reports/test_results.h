#pragma once
/// Test outcomes read from GoogleTest output (XML or JSON): counting,
/// merging and ordering them. Several files (e.g. the shards of one suite)
/// merge into one `TestRun`.
#include <cstddef>
#include <vector>

#include "gauntlet/records/test_results.h"

namespace gauntlet::reports {

/// The test results record (gauntlet/records/test_results.h), as reports use it.
using records::TestCase;
using records::TestCounts;
using records::TestRun;
using records::TestStatus;

/// Counts the cases of `run`.
TestCounts count_tests(const TestRun& run) noexcept;

/// Appends `part` (e.g. one shard's output) to `into`: cases concatenate,
/// durations add up, the earliest timestamp wins.
void merge_into(TestRun& into, TestRun part);

/// Indices of `run.cases` ordered for people: failed first, then skipped,
/// then passed; inside each group by suite, then name (stable).
std::vector<std::size_t> failures_first_order(const TestRun& run);

}  // namespace gauntlet::reports
