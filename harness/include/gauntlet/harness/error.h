#pragma once
/// Errors as values: every fallible Gauntlet API at a component boundary
/// returns `Result<T>` (or `Status` for no value) carrying a specific code.
#include <cassert>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace gauntlet {

/// What went wrong, specific enough for tests to check and for the CLI to map
/// to an exit code (see `exit_code_for`).
enum class ErrorCode {
  kInvalidArgument,     ///< a parameter or name breaks a documented rule
  kParseError,          ///< malformed input text (JSON, YAML, XML, a spec string)
  kSchemaError,         ///< well-formed input with the wrong shape or version
  kNotFound,            ///< a file, benchmark, metric or name that does not exist
  kIoError,             ///< reading or writing failed
  kAlreadyExists,       ///< a name registered twice with a different shape
  kFailedPrecondition,  ///< the object is not in a state that allows the call
  kOutOfRange,          ///< a number outside the supported range
  kUnavailable,         ///< a dependency (process, port, tool) is not there
  kInternal,            ///< a bug in Gauntlet
};

/// Stable lower-case name of a code, e.g. "invalid_argument".
std::string_view to_string(ErrorCode code) noexcept;

/// An error value: a code and a one-line, human-readable message that names
/// the input and the place (file:line:column, field) where one is known.
class Error {
 public:
  Error(ErrorCode code, std::string message) : code_(code), message_(std::move(message)) {}

  ErrorCode code() const noexcept { return code_; }
  const std::string& message() const noexcept { return message_; }

  /// "<code>: <message>".
  std::string to_string() const;

  /// Prefixes the message with context, e.g. a file name: "ctx: message".
  Error with_context(std::string_view context) const;

  friend bool operator==(const Error&, const Error&) = default;

 private:
  ErrorCode code_;
  std::string message_;
};

/// Either a value of type T or an Error. Accessing the wrong alternative is a
/// programming error (asserted in debug builds).
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::in_place_index<0>, std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : data_(std::in_place_index<1>, std::move(error)) {}  // NOLINT

  bool ok() const noexcept { return data_.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }

  T& value() & {
    assert(ok());
    return std::get<0>(data_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<0>(data_);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(data_));
  }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const& {
    assert(!ok());
    return std::get<1>(data_);
  }
  Error&& error() && {
    assert(!ok());
    return std::get<1>(std::move(data_));
  }

 private:
  std::variant<T, Error> data_;
};

/// Success or an Error, for operations without a value.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)) {}  // NOLINT: implicit by design
  static Status Ok() { return {}; }

  bool ok() const noexcept { return !error_.has_value(); }
  explicit operator bool() const noexcept { return ok(); }
  const Error& error() const {
    assert(!ok());
    return *error_;
  }

 private:
  std::optional<Error> error_;
};

/// Exit codes of every `gauntlet` command (docs/cli.md, "Exit codes").
inline constexpr int kExitPass = 0;         ///< every check passed
inline constexpr int kExitCheckFailed = 1;  ///< a regression, a failing hypothesis, a failed report
inline constexpr int kExitBadInput = 2;     ///< bad input or usage: a file, a field, an option
inline constexpr int kExitEnvironment = 3;  ///< the environment failed: I/O, a port, a process, a bug

/// The one mapping from an error reaching the command line to its exit code:
/// kIoError, kUnavailable and kInternal are environment failures (3); every
/// other code is bad input (2).
int exit_code_for(ErrorCode code) noexcept;

}  // namespace gauntlet
