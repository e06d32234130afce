#include "gauntlet/harness/cli/command_registry.h"

#include <gtest/gtest.h>

#include <sstream>
#include <stdexcept>

namespace gauntlet::cli {
namespace {

// A subcommand registered the same way components register theirs.
int g_echo_times = 0;
GAUNTLET_REGISTER_COMMAND("echo-test", "repeat a word (test only)", [](CLI::App& cmd) -> CommandAction {
  auto word = std::make_shared<std::string>();
  auto times = std::make_shared<int>(1);
  cmd.add_option("word", *word)->required();
  cmd.add_option("--times", *times)->check(CLI::Range(1, 10));
  return [word, times](CommandIO& io) {
    g_echo_times = *times;
    for (int i = 0; i < *times; ++i) io.out << *word << "\n";
    return 0;
  };
});

// A subcommand whose action throws: a bug, which must not abort the process.
GAUNTLET_REGISTER_COMMAND("throw-test", "throws (test only)", [](CLI::App&) -> CommandAction {
  return [](CommandIO&) -> int { throw std::runtime_error("boom\nsecond line"); };
});

struct CliRun {
  int code;
  std::string out;
  std::string err;
};

CliRun run(std::vector<const char*> args) {
  args.insert(args.begin(), "gauntlet");
  std::ostringstream out, err;
  CommandIO io{out, err};
  int code = run_command_line(static_cast<int>(args.size()), args.data(), io, "9.8.7");
  return {code, out.str(), err.str()};
}

TEST(CommandLineTest, RunsRegisteredSubcommand) {
  CliRun r = run({"echo-test", "hi", "--times", "2"});
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out, "hi\nhi\n");
  EXPECT_EQ(g_echo_times, 2);
}

TEST(CommandLineTest, VersionAndHelpExitZero) {
  CliRun v = run({"--version"});
  EXPECT_EQ(v.code, 0);
  EXPECT_EQ(v.out, "gauntlet 9.8.7\n");
  CliRun h = run({"--help"});
  EXPECT_EQ(h.code, 0);
  EXPECT_NE(h.out.find("echo-test"), std::string::npos);
}

TEST(CommandLineTest, UnknownSubcommandIsOneLineExitTwo) {
  CliRun r = run({"no-such-command"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << r.err;
  EXPECT_NE(r.err.find("no-such-command"), std::string::npos) << r.err;
}

TEST(CommandLineTest, UnknownFlagIsOneLineExitTwo) {
  CliRun r = run({"echo-test", "hi", "--bogus"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << r.err;
  EXPECT_NE(r.err.find("--bogus"), std::string::npos) << r.err;
}

TEST(CommandLineTest, OutOfRangeOptionIsExitTwo) {
  CliRun r = run({"echo-test", "hi", "--times", "99"});
  EXPECT_EQ(r.code, 2);
}

TEST(CommandLineTest, ExceptionFromAnActionIsOneLineExitThree) {
  CliRun r = run({"throw-test"});
  EXPECT_EQ(r.code, 3);
  EXPECT_EQ(r.err, "gauntlet throw-test: internal error: boom second line\n");
}

}  // namespace
}  // namespace gauntlet::cli
