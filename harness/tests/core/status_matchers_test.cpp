#include "gauntlet/harness/testing/status_matchers.h"

#include <gtest/gtest.h>

#include <string>

namespace gauntlet {
namespace {

using matchers::IsOk;
using matchers::IsOkAndHolds;
using matchers::StatusIs;
using ::testing::HasSubstr;
using ::testing::Not;

Result<int> parse_error() { return Error(ErrorCode::kParseError, "in.json:1:2: bad"); }

TEST(StatusMatchersTest, StatusIsMatchesOnlyThatCode) {
  EXPECT_THAT(parse_error(), StatusIs(ErrorCode::kParseError));
  EXPECT_THAT(parse_error(), Not(StatusIs(ErrorCode::kIoError)));
  EXPECT_THAT(Result<int>(3), Not(StatusIs(ErrorCode::kParseError)));
  EXPECT_THAT(Status(Error(ErrorCode::kNotFound, "x")), StatusIs(ErrorCode::kNotFound));
}

TEST(StatusMatchersTest, IsOkAndHoldsLooksAtTheValue) {
  EXPECT_THAT(Result<int>(3), IsOkAndHolds(3));
  EXPECT_THAT(Result<int>(3), Not(IsOkAndHolds(4)));
  EXPECT_THAT(parse_error(), Not(IsOkAndHolds(3)));
  EXPECT_THAT(Status(), IsOk());
  EXPECT_THAT(parse_error(), Not(IsOk()));
}

// A mismatch explains itself with the error's code and message.
TEST(StatusMatchersTest, MismatchesNameTheError) {
  ::testing::StringMatchResultListener listener;
  EXPECT_FALSE(::testing::ExplainMatchResult(StatusIs(ErrorCode::kIoError), parse_error(), &listener));
  EXPECT_THAT(listener.str(), HasSubstr("parse_error: in.json:1:2: bad"));
  EXPECT_THAT(::testing::DescribeMatcher<Result<int>>(StatusIs(ErrorCode::kIoError)),
              HasSubstr("an error with code io_error"));
}

}  // namespace
}  // namespace gauntlet
