#include "gauntlet/chaos/process/supervised_process.h"

#include "../scratch_dir.h"

#include <gtest/gtest.h>

#include "gauntlet/harness/testing/status_matchers.h"

#include <csignal>
#include <fstream>
#include <sstream>
#include <thread>

#include <unistd.h>

namespace gauntlet::chaos::process {
namespace {

std::filesystem::path temp_dir(const std::string& name) { return chaos::testing::scratch_dir("proc_" + name); }

// True while `pid` exists and is not a zombie.
bool alive(int pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  if (!stat) return false;
  std::string content((std::istreambuf_iterator<char>(stat)), {});
  auto close = content.rfind(')');
  return close != std::string::npos && close + 2 < content.size() && content[close + 2] != 'Z';
}

char state_of(int pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string content((std::istreambuf_iterator<char>(stat)), {});
  auto close = content.rfind(')');
  return close != std::string::npos && close + 2 < content.size() ? content[close + 2] : '?';
}

bool gone_within(int pid, int ms) {
  for (int i = 0; i < ms / 10; ++i) {
    if (!alive(pid)) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return !alive(pid);
}

ProcessSpec shell(const std::string& name, const std::string& script) {
  ProcessSpec spec;
  spec.name = name;
  spec.program = "/bin/sh";
  spec.args = {"-c", script};
  spec.log_dir = temp_dir(name);
  return spec;
}

TEST(SupervisedProcessTest, NormalRunCapturesOutputArgsEnvAndCwd) {
  ProcessSpec spec = shell("normal", "echo out-$GREETING; pwd; echo err-line >&2; exit 7");
  spec.env["GREETING"] = "hello";
  spec.cwd = "/tmp";
  auto target = SupervisedProcess::launch(spec, RealClock::instance());
  ASSERT_TRUE(target.ok()) << target.error().to_string();
  auto exit = (*target)->wait_exit(5 * kNanosPerSecond);
  ASSERT_TRUE(exit.ok());
  EXPECT_EQ(exit->code, 7);
  EXPECT_EQ(exit->signal, 0);
  EXPECT_EQ((*target)->stdout_tail(), "out-hello\n/tmp\n");
  EXPECT_EQ((*target)->stderr_tail(), "err-line\n");
  EXPECT_EQ((*target)->stdout_tail(4), "tmp\n");
}

TEST(SupervisedProcessTest, LogLineReadinessAndSigtermStop) {
  ProcessSpec spec = shell("logready", "echo booting; sleep 0.1; echo 'listening on 1234'; exec sleep 30");
  spec.readiness.kind = Readiness::Kind::kLogLine;
  spec.readiness.log_regex = "listening on [0-9]+";
  auto target = SupervisedProcess::launch(spec, RealClock::instance());
  ASSERT_TRUE(target.ok()) << target.error().to_string();
  EXPECT_NE((*target)->stdout_tail().find("listening on 1234"), std::string::npos);
  EXPECT_TRUE((*target)->running());
  const int pid = (*target)->pid();
  auto exit = (*target)->stop(SIGTERM, 5 * kNanosPerSecond);
  ASSERT_TRUE(exit.ok());
  EXPECT_EQ(exit->signal, SIGTERM);
  EXPECT_FALSE(alive(pid));
}

TEST(SupervisedProcessTest, CrashingTargetFailsReadinessWithStderrTail) {
  ProcessSpec spec = shell("crasher", "echo 'fatal: config broken' >&2; kill -SEGV $$");
  spec.readiness.kind = Readiness::Kind::kTcpConnect;
  spec.readiness.port = 1;  // nothing listens there
  spec.readiness.timeout_ns = 5 * kNanosPerSecond;
  auto target = SupervisedProcess::launch(spec, RealClock::instance());
  EXPECT_THAT(target, matchers::StatusIs(ErrorCode::kUnavailable,
                                         ::testing::AllOf(::testing::HasSubstr("signal 11"),
                                                          ::testing::HasSubstr("fatal: config broken"))));
}

TEST(SupervisedProcessTest, HangingTargetTimesOutAndIsKilled) {
  ProcessSpec spec = shell("hanger", "echo $$ > pidfile; exec sleep 30");
  spec.cwd = spec.log_dir;
  spec.readiness.kind = Readiness::Kind::kHttpGet;
  spec.readiness.port = 1;
  spec.readiness.timeout_ns = 300 * kNanosPerMilli;
  auto target = SupervisedProcess::launch(spec, RealClock::instance());
  ASSERT_THAT(target, matchers::StatusIs(ErrorCode::kUnavailable, ::testing::HasSubstr("not ready after 300 ms")));
  std::ifstream pidfile(spec.log_dir / "pidfile");
  int pid = 0;
  pidfile >> pid;
  ASSERT_GT(pid, 0);
  EXPECT_TRUE(gone_within(pid, 2000));
}

TEST(SupervisedProcessTest, PauseResumeAndRestart) {
  ProcessSpec spec = shell("pauser", "exec sleep 30");
  auto target = SupervisedProcess::launch(spec, RealClock::instance());
  ASSERT_TRUE(target.ok());
  SupervisedProcess& t = **target;
  const int first_pid = t.pid();
  ASSERT_TRUE(t.pause().ok());
  for (int i = 0; i < 200 && state_of(first_pid) != 'T'; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  EXPECT_EQ(state_of(first_pid), 'T');
  ASSERT_TRUE(t.resume().ok());
  for (int i = 0; i < 200 && state_of(first_pid) == 'T'; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  EXPECT_NE(state_of(first_pid), 'T');
  ASSERT_TRUE(t.restart().ok());
  EXPECT_EQ(t.generation(), 2);
  EXPECT_NE(t.pid(), first_pid);
  EXPECT_FALSE(alive(first_pid));
  EXPECT_TRUE(t.running());
}

TEST(SupervisedProcessTest, DestructorKillsWholeGroup) {
  ProcessSpec spec = shell("group", "sleep 30 & echo $! > grandchild; wait");
  spec.cwd = spec.log_dir;
  int grandchild = 0;
  {
    auto target = SupervisedProcess::launch(spec, RealClock::instance());
    ASSERT_TRUE(target.ok());
    for (int i = 0; i < 200 && grandchild == 0; ++i) {
      std::ifstream in(spec.log_dir / "grandchild");
      in >> grandchild;
      if (grandchild == 0) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ASSERT_GT(grandchild, 0);
    EXPECT_TRUE(alive(grandchild));
  }
  EXPECT_TRUE(gone_within(grandchild, 2000));
}

// Launches the orphan helper (a stand-in harness) as a target, with its log
// folder and `extra` as arguments, and reads the pid of the process it started
// from its "ready <pid>" line.
void launch_orphan_helper(const std::string& name, std::vector<std::string> extra,
                          std::unique_ptr<SupervisedProcess>& helper, int& started) {
  ProcessSpec spec;
  spec.name = name;
  spec.program = GAUNTLET_ORPHAN_HELPER;
  spec.log_dir = temp_dir(name);
  spec.args = {spec.log_dir.string()};
  spec.args.insert(spec.args.end(), extra.begin(), extra.end());
  spec.readiness.kind = Readiness::Kind::kLogLine;
  spec.readiness.log_regex = "^ready [0-9]+";
  auto launched = SupervisedProcess::launch(spec, RealClock::instance());
  ASSERT_TRUE(launched.ok()) << launched.error().to_string();
  helper = std::move(*launched);
  std::istringstream line(helper->stdout_tail());
  std::string word;
  line >> word >> started;
  ASSERT_GT(started, 0);
}

TEST(SupervisedProcessTest, SigkilledHarnessLeavesNoProcess) {
  std::unique_ptr<SupervisedProcess> helper;
  int grandchild = 0;
  ASSERT_NO_FATAL_FAILURE(launch_orphan_helper("harness", {}, helper, grandchild));
  EXPECT_TRUE(alive(grandchild));
  // Only the helper's own pid: its target lives in another process group.
  ASSERT_EQ(::kill(helper->pid(), SIGKILL), 0);
  auto exit = helper->wait_exit(5 * kNanosPerSecond);
  ASSERT_TRUE(exit.ok());
  EXPECT_EQ(exit->signal, SIGKILL);
  EXPECT_TRUE(gone_within(grandchild, 3000)) << "target of a SIGKILLed harness survived: pid " << grandchild;
}

// As above, but the target started a process of its own (a grandchild of the
// harness, in the target's group): it must not outlive the harness either.
TEST(SupervisedProcessTest, SigkilledHarnessLeavesNoGrandchild) {
  std::unique_ptr<SupervisedProcess> helper;
  int grandchild = 0;
  ASSERT_NO_FATAL_FAILURE(launch_orphan_helper("harness_family", {"grandchild"}, helper, grandchild));
  EXPECT_TRUE(alive(grandchild));
  ASSERT_EQ(::kill(helper->pid(), SIGKILL), 0);
  auto exit = helper->wait_exit(5 * kNanosPerSecond);
  ASSERT_TRUE(exit.ok());
  EXPECT_TRUE(gone_within(grandchild, 3000)) << "a target's child outlived a SIGKILLed harness: pid " << grandchild;
  if (alive(grandchild)) ::kill(grandchild, SIGKILL);
}

TEST(SupervisedProcessTest, RejectsBadNameAndRemoteReadiness) {
  ProcessSpec spec = shell("ok", "true");
  spec.name = "bad name";
  auto bad = SupervisedProcess::launch(spec, RealClock::instance());
  ASSERT_THAT(bad, matchers::StatusIs(ErrorCode::kInvalidArgument));
  spec.name = "remote";
  spec.readiness.kind = Readiness::Kind::kTcpConnect;
  spec.readiness.host = "10.1.2.3";
  spec.readiness.port = 80;
  auto remote = SupervisedProcess::launch(spec, RealClock::instance());
  EXPECT_THAT(remote, matchers::StatusIs(ErrorCode::kInvalidArgument, ::testing::HasSubstr("loopback")));
}

TEST(SupervisedProcessTest, MissingProgramIsUnavailable) {
  ProcessSpec spec = shell("missing", "");
  spec.program = "gauntlet-no-such-program-xyz";
  auto target = SupervisedProcess::launch(spec, RealClock::instance());
  ASSERT_THAT(target, matchers::StatusIs(ErrorCode::kUnavailable));
}

}  // namespace
}  // namespace gauntlet::chaos::process

namespace gauntlet::chaos::process {
namespace {

TEST(SupervisedProcessTest, TargetOutlivesTheThreadThatLaunchedIt) {
  std::unique_ptr<SupervisedProcess> target;
  std::thread launcher([&] {
    auto t = SupervisedProcess::launch(shell("outlive", "exec sleep 30"), RealClock::instance());
    if (t.ok()) target = std::move(*t);
  });
  launcher.join();
  ASSERT_TRUE(target);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_TRUE(target->running()) << "parent-death signal fired when the launching thread ended";
  std::thread restarter([&] { EXPECT_TRUE(target->restart().ok()); });
  restarter.join();
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_TRUE(target->running());
}

}  // namespace
}  // namespace gauntlet::chaos::process

namespace gauntlet::chaos::process {
namespace {

TEST(SupervisedProcessTest, HarnessDescriptorsDoNotLeakIntoTargets) {
  std::FILE* held = std::tmpfile();  // an open descriptor the child must not see
  ASSERT_NE(held, nullptr);
  ProcessSpec spec;
  spec.name = "fds";
  spec.program = "/bin/ls";
  spec.args = {"/proc/self/fd"};
  spec.log_dir = temp_dir("fds");
  auto target = SupervisedProcess::launch(spec, RealClock::instance());
  ASSERT_TRUE(target.ok());
  ASSERT_TRUE((*target)->wait_exit(5 * kNanosPerSecond).ok());
  // stdin, stdout, stderr and the directory ls itself reads.
  EXPECT_EQ((*target)->stdout_tail(), "0\n1\n2\n3\n");
  std::fclose(held);
}

}  // namespace
}  // namespace gauntlet::chaos::process

namespace gauntlet::chaos::process {
namespace {

void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

TEST(SupervisedProcessTest, LaunchTruncatesLogsAndRestartAppendsAfterMarker) {
  // Each incarnation numbers itself (a counter file in its cwd), writes a line
  // to each log (stderr without a newline), then becomes ready after a pause.
  ProcessSpec spec = shell("relog",
                           "n=$(cat n 2>/dev/null || echo 0); n=$((n+1)); echo $n > n; "
                           "echo out-run-$n; printf err-run-$n >&2; sleep 0.3; echo ready-$n; exec sleep 30");
  spec.cwd = spec.log_dir;
  spec.readiness.kind = Readiness::Kind::kLogLine;
  spec.readiness.log_regex = "^ready-[0-9]+$";
  // A previous run's output, longer than this run's: none of it may survive.
  std::string old_run;
  for (int i = 0; i < 50; ++i) old_run += "Traceback of an earlier run, line " + std::to_string(i) + "\n";
  write_file(spec.log_dir / "relog.stdout.log", old_run);
  write_file(spec.log_dir / "relog.stderr.log", old_run);

  auto target = SupervisedProcess::launch(spec, RealClock::instance());
  ASSERT_TRUE(target.ok()) << target.error().to_string();
  SupervisedProcess& t = **target;
  EXPECT_EQ(t.stdout_tail(), "out-run-1\nready-1\n");
  EXPECT_EQ(t.stderr_tail(), "err-run-1");

  // Readiness waits for the new incarnation's line, not the old "ready-1".
  ASSERT_TRUE(t.restart().ok());
  EXPECT_EQ(t.generation(), 2);
  EXPECT_EQ(t.stdout_tail(), "out-run-1\nready-1\n--- gauntlet: restart 2 ---\nout-run-2\nready-2\n");
  EXPECT_EQ(t.stderr_tail(), "err-run-1\n--- gauntlet: restart 2 ---\nerr-run-2");
  EXPECT_EQ(t.stdout_tail(18), "out-run-2\nready-2\n");

  // A new SupervisedProcess on the same logs is a new run: truncated again.
  (*target).reset();  // the first SupervisedProcess ends
  auto next = SupervisedProcess::launch(spec, RealClock::instance());
  ASSERT_TRUE(next.ok()) << next.error().to_string();
  EXPECT_EQ((*next)->stdout_tail(), "out-run-3\nready-3\n");
  EXPECT_EQ((*next)->stderr_tail(), "err-run-3");
}

}  // namespace
}  // namespace gauntlet::chaos::process
