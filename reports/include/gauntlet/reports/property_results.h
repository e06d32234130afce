#pragma once
/// Property results as a report holds them: the records as the property
/// suites wrote them (gauntlet/records/property_results.h, read through
/// gauntlet/records/property_results_json.h) and the file they came from.
#include <string>
#include <vector>

#include "gauntlet/records/property_results.h"

namespace gauntlet::reports {

struct PropertyResults {
  std::vector<records::PropertyResult> results;
  std::string source;  ///< the file they were read from
};

/// A result counts as failed when it failed its test or its outcome is
/// "failed" or "error".
inline bool is_failure(const records::PropertyResult& r) noexcept {
  return r.fails_test || r.outcome == records::PropertyOutcome::kFailed ||
         r.outcome == records::PropertyOutcome::kError;
}

}  // namespace gauntlet::reports
