#include "gauntlet/cli/testing/cli_run.h"

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
    return CommandResult(Verdict::kPass);
  };
});

// A subcommand whose action throws: a bug, which must not abort the process.
GAUNTLET_REGISTER_COMMAND("throw-test", "throws (test only)", [](CLI::App&) -> CommandAction {
  return [](CommandIO&) -> CommandResult { throw std::runtime_error("boom\nsecond line"); };
});

// A subcommand with nested subcommands whose outcome the test chooses:
// `outcome-test check fail|pass|parse|io`.
GAUNTLET_REGISTER_COMMAND("outcome-test", "returns a chosen outcome (test only)", [](CLI::App& cmd) -> CommandAction {
  auto what = std::make_shared<std::string>();
  cmd.require_subcommand(1);
  cmd.add_subcommand("check", "the nested subcommand")->add_option("what", *what)->required();
  return [what](CommandIO& io) -> CommandResult {
    io.out << "ran\n";
    if (*what == "pass") return Verdict::kPass;
    if (*what == "fail") return verdict_of(false);
    if (*what == "parse") return Error(ErrorCode::kParseError, "in.json:3:7: expected a value\nsecond line");
    return Error(ErrorCode::kIoError, "out.html: cannot write: No space left on device");
  };
});

using testing::CliRun;
CliRun run(const std::vector<std::string>& args) { return testing::run_cli(args, "9.8.7"); }

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

TEST(CommandLineTest, VerdictsAreExitZeroAndOne) {
  CliRun pass = run({"outcome-test", "check", "pass"});
  EXPECT_EQ(pass.code, 0);
  EXPECT_EQ(pass.err, "");
  CliRun fail = run({"outcome-test", "check", "fail"});
  EXPECT_EQ(fail.code, 1);
  EXPECT_EQ(fail.out, "ran\n");
  EXPECT_EQ(fail.err, "");
}

// The one place errors are printed: the command path, then the message on one line.
TEST(CommandLineTest, ErrorsArePrintedOnceWithTheCommandPathAndMapped) {
  CliRun bad = run({"outcome-test", "check", "parse"});
  EXPECT_EQ(bad.code, 2);
  EXPECT_EQ(bad.err, "gauntlet outcome-test check: in.json:3:7: expected a value second line\n");
  CliRun env = run({"outcome-test", "check", "io"});
  EXPECT_EQ(env.code, 3);
  EXPECT_EQ(env.err, "gauntlet outcome-test check: out.html: cannot write: No space left on device\n");
}

}  // namespace
}  // namespace gauntlet::cli
