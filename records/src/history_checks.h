#pragma once
// What every history store checks: the text of a run before recording it,
// and the schema version it finds.
#include "gauntlet/harness/error.h"
#include "gauntlet/records/history.h"

namespace gauntlet::records::detail {

/// kInvalidArgument when the run key, revision or label is not valid UTF-8:
/// they are written into JSON later, and a repair would change what the user
/// recorded.
Status check_run_text(const HistoryRun& run);

/// kSchemaError naming `location` when `version` is negative or newer than
/// kHistorySchemaVersion.
Status check_schema_version(int version, const std::string& location);

/// kSchemaError: "<location>: not a Gauntlet history database (<why>)".
Error not_history(const std::string& location, const std::string& why);

}  // namespace gauntlet::records::detail
