#include "gauntlet/harness/shell_line.h"

#include <gtest/gtest.h>

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>
#include <vector>

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

// A real shell reads every word back: printf prints each argument on its own
// line. /bin/sh runs the line itself (no second shell around it), in a process
// group of its own, and is reaped before any assertion.
TEST(ShellLineTest, AShellReadsTheWordsBack) {
  const std::vector<std::string> words = {"printf", "%s\\n", "a b", "it's", "$PATH", "*", "", "x\"y", "tab\there"};
  std::string expected;
  for (std::size_t i = 2; i < words.size(); ++i) expected += words[i] + "\n";
  int out[2];
  ASSERT_EQ(::pipe(out), 0);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, out[0]);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
  std::string sh = "/bin/sh", c = "-c", line = shell_line(words);
  char* argv[] = {sh.data(), c.data(), line.data(), nullptr};
  char* envp[] = {nullptr};
  pid_t pid = 0;
  const int spawned = ::posix_spawn(&pid, sh.c_str(), &actions, &attr, argv, envp);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  ::close(out[1]);
  std::string got;
  char buffer[256];
  for (ssize_t n; spawned == 0 && (n = ::read(out[0], buffer, sizeof buffer)) > 0;)
    got.append(buffer, static_cast<std::size_t>(n));
  ::close(out[0]);
  int status = 0;
  if (spawned == 0) ::waitpid(pid, &status, 0);
  ASSERT_EQ(spawned, 0);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
  EXPECT_EQ(got, expected);
}

}  // namespace
}  // namespace gauntlet
