#include "history_checks.h"

#include "gauntlet/harness/utf8.h"

namespace gauntlet::records::detail {
namespace {

Status check_utf8(const std::string& text, const char* what) {
  const std::size_t bad = first_invalid_utf8(text);
  if (bad == std::string::npos) return Status::Ok();
  return Error(ErrorCode::kInvalidArgument,
               std::string(what) + " is not valid UTF-8 (ill-formed byte at offset " + std::to_string(bad) + ")");
}

}  // namespace

Status check_run_text(const HistoryRun& run) {
  if (Status s = check_utf8(run.run_key, "run key"); !s.ok()) return s;
  if (Status s = check_utf8(run.git_revision, "revision"); !s.ok()) return s;
  return check_utf8(run.label, "label");
}

// A stored version is signed (SQLite's user_version): a negative one indexes
// no migration.
Status check_schema_version(int version, const std::string& location) {
  if (version < 0)
    return Error(ErrorCode::kSchemaError,
                 location + ": history schema version " + std::to_string(version) + " is not one this gauntlet knows");
  if (version > kHistorySchemaVersion)
    return Error(ErrorCode::kSchemaError, location + ": history schema version " + std::to_string(version) +
                                              " is newer than this gauntlet supports (" +
                                              std::to_string(kHistorySchemaVersion) + ")");
  return Status::Ok();
}

Error not_history(const std::string& location, const std::string& why) {
  return Error(ErrorCode::kSchemaError, location + ": not a Gauntlet history database (" + why + ")");
}

}  // namespace gauntlet::records::detail
