#pragma once
/// GoogleMock matchers for Gauntlet's errors as values (`Result<T>`, `Status`),
/// so a test states the specific outcome it expects in one line:
///   EXPECT_THAT(read_gate_config(path), StatusIs(ErrorCode::kParseError));
///   EXPECT_THAT(parse(text), IsOkAndHolds(Field(&Run::rows, SizeIs(3))));
/// A failure prints the error's code and message.
#include <gmock/gmock.h>

#include <ostream>
#include <string>

#include "gauntlet/harness/error.h"

namespace gauntlet {

/// Prints an ErrorCode by name ("parse_error") in gtest messages.
inline void PrintTo(ErrorCode code, std::ostream* os) { *os << to_string(code); }

namespace matchers {

/// Matches a `Result<T>` or `Status` that holds an error with `code`.
MATCHER_P(StatusIs, code,
          std::string(negation ? "is not" : "is") + " an error with code " + std::string(::gauntlet::to_string(code))) {
  if (arg.ok()) {
    *result_listener << "which is ok";
    return false;
  }
  *result_listener << "which is " << arg.error().to_string();
  return arg.error().code() == code;
}

/// Matches a `Result<T>` or `Status` that holds an error with `code` whose
/// message matches `message` (a string matcher such as HasSubstr("/verdict")).
MATCHER_P2(StatusIs, code, message,
           std::string(negation ? "is not" : "is") + " an error with code " + std::string(::gauntlet::to_string(code)) +
               " and a matching message") {
  if (arg.ok()) {
    *result_listener << "which is ok";
    return false;
  }
  *result_listener << "which is " << arg.error().to_string();
  return arg.error().code() == code && ::testing::Matches(message)(arg.error().message());
}

/// Matches a `Result<T>` or `Status` that is ok.
MATCHER(IsOk, std::string(negation ? "is an error" : "is ok")) {
  if (!arg.ok()) *result_listener << "which is " << arg.error().to_string();
  return arg.ok();
}

/// Matches a `Result<T>` that is ok and whose value matches `matcher`.
MATCHER_P(IsOkAndHolds, matcher, std::string(negation ? "is not" : "is") + " ok with a value that matches") {
  if (!arg.ok()) {
    *result_listener << "which is " << arg.error().to_string();
    return false;
  }
  return ::testing::ExplainMatchResult(matcher, *arg, result_listener);
}

}  // namespace matchers
}  // namespace gauntlet
