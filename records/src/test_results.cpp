#include "gauntlet/records/test_results.h"

namespace gauntlet::records {

const char* to_string(TestStatus status) noexcept {
  switch (status) {
    case TestStatus::kPassed:
      return "passed";
    case TestStatus::kFailed:
      return "failed";
    case TestStatus::kSkipped:
      return "skipped";
  }
  return "passed";
}

std::optional<TestStatus> test_status_named(std::string_view name) noexcept {
  for (TestStatus s : {TestStatus::kPassed, TestStatus::kFailed, TestStatus::kSkipped}) {
    if (name == to_string(s)) return s;
  }
  return std::nullopt;
}

}  // namespace gauntlet::records
