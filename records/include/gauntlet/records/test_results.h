#pragma once
/// Test outcomes as GoogleTest reported them (XML or JSON), as plain data:
/// what reports read from GoogleTest output and what the report record
/// (gauntlet/records/report.h) carries. Several files (e.g. the shards of one
/// suite) merge into one `TestRun`.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gauntlet::records {

/// Outcome of one test case. Disabled tests (GoogleTest "notrun") count as skipped.
enum class TestStatus { kPassed, kFailed, kSkipped };

/// Stable lower-case name: "passed", "failed", "skipped".
const char* to_string(TestStatus status) noexcept;

/// The status named by to_string; nullopt for any other name.
std::optional<TestStatus> test_status_named(std::string_view name) noexcept;

/// One test case as GoogleTest reported it.
struct TestCase {
  std::string suite;  ///< test suite name, e.g. "Fixture/Param.0"
  std::string name;   ///< test name inside the suite
  TestStatus status = TestStatus::kPassed;
  double time_s = 0.0;                ///< wall time in seconds
  std::string file;                   ///< source file, when the producer gave one
  int line = 0;                       ///< source line, 0 when unknown
  std::vector<std::string> failures;  ///< full text of each failure, in order
  std::string skip_message;           ///< why it was skipped, when given
  std::string source;                 ///< the input file it was read from

  friend bool operator==(const TestCase&, const TestCase&) = default;
};

/// Every test case of a CI run plus what the producers said about the run.
struct TestRun {
  std::vector<TestCase> cases;       ///< in input order
  double duration_s = 0.0;           ///< sum of each input file's total time
  std::string timestamp;             ///< earliest start timestamp seen (ISO 8601), may be empty
  std::vector<std::string> sources;  ///< input files, in merge order

  friend bool operator==(const TestRun&, const TestRun&) = default;
};

/// Counts of a run; `total == passed + failed + skipped`.
struct TestCounts {
  int total = 0;
  int passed = 0;
  int failed = 0;
  int skipped = 0;
  friend bool operator==(const TestCounts&, const TestCounts&) = default;
};

}  // namespace gauntlet::records
