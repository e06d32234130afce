#include "gauntlet/harness/nesting.h"

#include <gtest/gtest.h>

#include <string>

namespace gauntlet {
namespace {

TEST(NestingTest, CountsArraysAndObjectsOutsideStrings) {
  EXPECT_EQ(json_nesting_depth("1"), 0u);
  EXPECT_EQ(json_nesting_depth("{\"a\": [1, {\"b\": []}]}"), 4u);
  EXPECT_EQ(json_nesting_depth("{\"[[[[\": \"\\\"{{{\"}"), 1u);
}

TEST(NestingTest, MeasuresUnbalancedText) {
  EXPECT_EQ(json_nesting_depth(std::string(20000, '[')), 20000u);
  EXPECT_EQ(json_nesting_depth("]]]["), 1u);
}

}  // namespace
}  // namespace gauntlet
