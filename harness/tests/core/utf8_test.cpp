#include "gauntlet/harness/utf8.h"

#include <gtest/gtest.h>

namespace gauntlet {
namespace {

TEST(Utf8Test, AcceptsWellFormedText) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("plain ascii"));
  EXPECT_TRUE(is_valid_utf8("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"));
  EXPECT_TRUE(is_valid_utf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF
}

TEST(Utf8Test, RejectsIllFormedSequences) {
  EXPECT_FALSE(is_valid_utf8("\xC3("));             // truncated two-byte form
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // surrogate U+D800
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(is_valid_utf8("\xFF"));
  EXPECT_FALSE(is_valid_utf8("ok\xE2\x82"));  // cut at the end
  EXPECT_EQ(first_invalid_utf8("ab\xC3("), 2u);
  EXPECT_EQ(first_invalid_utf8("abc"), std::string::npos);
}

TEST(Utf8Test, SanitizeReplacesEachMaximalSubpartOnce) {
  EXPECT_EQ(sanitize_utf8("\xC3("), "\xEF\xBF\xBD(");
  EXPECT_EQ(sanitize_utf8("a\xE2\x82z"), "a\xEF\xBF\xBDz");
  EXPECT_EQ(sanitize_utf8("\xFF\xFE"), "\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(sanitize_utf8("caf\xC3\xA9"), "caf\xC3\xA9");
  EXPECT_TRUE(is_valid_utf8(sanitize_utf8("\xED\xA0\x80\xF4\x90\x80\x80x")));
}

}  // namespace
}  // namespace gauntlet
