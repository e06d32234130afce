#include "gauntlet/harness/error.h"

#include <gtest/gtest.h>

#include "gauntlet/harness/testing/status_matchers.h"

namespace gauntlet {
namespace {

Result<int> parse_positive(int v) {
  if (v <= 0) return Error(ErrorCode::kOutOfRange, "value must be positive");
  return v;
}

TEST(ResultTest, CarriesValueOrSpecificError) {
  Result<int> good = parse_positive(3);
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(*good, 3);

  Result<int> bad = parse_positive(-1);
  ASSERT_THAT(bad, matchers::StatusIs(ErrorCode::kOutOfRange));
  EXPECT_EQ(bad.error().message(), "value must be positive");
}

TEST(ErrorTest, ContextIsPrefixedAndCodeKept) {
  Error e = Error(ErrorCode::kParseError, "line 3, column 7: expected ','").with_context("base.json");
  EXPECT_EQ(e.code(), ErrorCode::kParseError);
  EXPECT_EQ(e.message(), "base.json: line 3, column 7: expected ','");
  EXPECT_EQ(e.to_string(), "parse_error: base.json: line 3, column 7: expected ','");
}

TEST(ErrorTest, InputErrorsMapToExitCodeTwo) {
  EXPECT_EQ(exit_code_for(ErrorCode::kParseError), 2);
  EXPECT_EQ(exit_code_for(ErrorCode::kNotFound), 2);
  EXPECT_EQ(exit_code_for(ErrorCode::kInvalidArgument), 2);
  EXPECT_EQ(exit_code_for(ErrorCode::kSchemaError), 2);
  EXPECT_EQ(exit_code_for(ErrorCode::kOutOfRange), 2);
  EXPECT_EQ(exit_code_for(ErrorCode::kInternal), 3);
}

TEST(ErrorTest, EnvironmentFailuresMapToExitCodeThree) {
  EXPECT_EQ(exit_code_for(ErrorCode::kIoError), kExitEnvironment);
  EXPECT_EQ(exit_code_for(ErrorCode::kUnavailable), kExitEnvironment);
  EXPECT_EQ(exit_code_for(ErrorCode::kInternal), kExitEnvironment);
  EXPECT_EQ(kExitPass, 0);
  EXPECT_EQ(kExitCheckFailed, 1);
  EXPECT_EQ(kExitBadInput, 2);
  EXPECT_EQ(kExitEnvironment, 3);
}

TEST(StatusTest, DefaultIsOk) {
  Status ok;
  EXPECT_TRUE(ok.ok());
  Status failed = Error(ErrorCode::kIoError, "disk full");
  ASSERT_THAT(failed, matchers::StatusIs(ErrorCode::kIoError));
}

}  // namespace
}  // namespace gauntlet
