#include "gauntlet/harness/error.h"

#include <fmt/format.h>

namespace gauntlet {

std::string_view to_string(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return "invalid_argument";
    case ErrorCode::kParseError:
      return "parse_error";
    case ErrorCode::kSchemaError:
      return "schema_error";
    case ErrorCode::kNotFound:
      return "not_found";
    case ErrorCode::kIoError:
      return "io_error";
    case ErrorCode::kAlreadyExists:
      return "already_exists";
    case ErrorCode::kFailedPrecondition:
      return "failed_precondition";
    case ErrorCode::kOutOfRange:
      return "out_of_range";
    case ErrorCode::kUnavailable:
      return "unavailable";
    case ErrorCode::kInternal:
      return "internal";
  }
  return "unknown";
}

std::string Error::to_string() const { return fmt::format("{}: {}", gauntlet::to_string(code_), message_); }

Error Error::with_context(std::string_view context) const {
  return Error(code_, fmt::format("{}: {}", context, message_));
}

int exit_code_for(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::kIoError:
    case ErrorCode::kUnavailable:
    case ErrorCode::kInternal:
      return kExitEnvironment;
    case ErrorCode::kInvalidArgument:
    case ErrorCode::kParseError:
    case ErrorCode::kSchemaError:
    case ErrorCode::kNotFound:
    case ErrorCode::kAlreadyExists:
    case ErrorCode::kFailedPrecondition:
    case ErrorCode::kOutOfRange:
      return kExitBadInput;
  }
  return kExitEnvironment;
}

}  // namespace gauntlet
