#include "gauntlet/harness/shell_line.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <sys/wait.h>

namespace gauntlet {
namespace {

TEST(ShellLineTest, PlainWordsStayAsTheyAre) {
  EXPECT_EQ(shell_quote("runs/base-1.json"), "runs/base-1.json");
  EXPECT_EQ(shell_line({"gauntlet", "gate", "--seed", "7"}), "gauntlet gate --seed 7");
}

TEST(ShellLineTest, OtherWordsAreSingleQuoted) {
  EXPECT_EQ(shell_quote(""), "''");
  EXPECT_EQ(shell_quote("my runs/a.json"), "'my runs/a.json'");
  EXPECT_EQ(shell_quote("it's"), "'it'\\''s'");
  EXPECT_EQ(shell_quote("$HOME*"), "'$HOME*'");
}

TEST(ShellLineTest, AssignmentsComeFirstWithQuotedValues) {
  EXPECT_EQ(shell_line({"./suite", "--gtest_filter=A.B"}, {{"RC_PARAMS", "reproduce=\"x y\""}}),
            "RC_PARAMS='reproduce=\"x y\"' ./suite --gtest_filter=A.B");
}

// A real shell reads every word back: printf prints each argument on its own line.
TEST(ShellLineTest, AShellReadsTheWordsBack) {
  const std::vector<std::string> words = {"printf", "%s\\n", "a b", "it's", "$PATH", "*", "", "x\"y", "tab\there"};
  std::string expected;
  for (std::size_t i = 2; i < words.size(); ++i) expected += words[i] + "\n";
  FILE* shell = ::popen(("/bin/sh -c " + shell_quote(shell_line(words))).c_str(), "r");
  ASSERT_NE(shell, nullptr);
  std::string got;
  char buffer[256];
  while (std::size_t n = std::fread(buffer, 1, sizeof buffer, shell)) got.append(buffer, n);
  const int status = ::pclose(shell);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
  EXPECT_EQ(got, expected);
}

}  // namespace
}  // namespace gauntlet
