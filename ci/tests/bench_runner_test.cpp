#include "gauntlet/ci/bench_runner.h"
#include "gauntlet/ci/benchmark_file.h"
#include "gauntlet/ci/calibration.h"
#include "gauntlet/ci/gate.h"

#include "gate_test_files.h"

#include <gtest/gtest.h>

#include "gauntlet/harness/testing/status_matchers.h"

#include <csignal>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <thread>

#include <sys/wait.h>
#include <unistd.h>

namespace gauntlet::ci {
namespace {

BenchRunOptions opts(int rounds, int repetitions = 2) {
  BenchRunOptions o;
  o.rounds = rounds;
  o.repetitions = repetitions;
  return o;
}

const std::string kFake = std::string(GAUNTLET_SOURCE_DIR) + "/ci/tests/data/fake_bench.sh";

TEST(BenchRunnerTest, SingleBinaryMergesRoundsAndDropsAggregates) {
  auto out = run_benchmarks({kFake, {}, {}}, opts(3));
  ASSERT_TRUE(out.ok()) << out.error().message();
  EXPECT_TRUE(out->candidate_json.empty());
  auto f = parse_benchmark_json(out->baseline_json, "merged");
  ASSERT_TRUE(f.ok()) << f.error().message();
  ASSERT_EQ(f->rows.size(), 6u);
  for (std::size_t i = 0; i < 6; ++i) {
    EXPECT_EQ(f->rows[i].repetition_index, static_cast<std::int64_t>(i));
    EXPECT_EQ(f->rows[i].repetitions, 6);
    EXPECT_TRUE(std::isnan(f->rows[i].counters.at("odd")));  // bare NaN survives the merge
    // Each row names the invocation (process) it came from; not a counter.
    EXPECT_EQ(f->rows[i].round, static_cast<std::int64_t>(i / 2));
    EXPECT_EQ(f->rows[i].counters.count(std::string(kRoundKey)), 0u);
  }
  EXPECT_EQ(f->context.host_name, "fake");
  EXPECT_EQ(f->context.extra.at("gauntlet_rounds"), "3");
  EXPECT_EQ(f->context.extra.count(std::string(kInterleavedPairKey)), 0u);  // one binary: no pair
}

TEST(BenchRunnerTest, InterleavedSidesGetTheirOwnEnvironment) {
  BenchCommand a{kFake, {}, {{"FAKE_BENCH_NS", "100"}}};
  BenchCommand b{kFake, {}, {{"FAKE_BENCH_NS", "250"}}};
  auto out = run_benchmarks_interleaved(a, b, opts(2));
  ASSERT_TRUE(out.ok()) << out.error().message();
  auto fa = parse_benchmark_json(out->baseline_json, "a");
  auto fb = parse_benchmark_json(out->candidate_json, "b");
  ASSERT_TRUE(fa.ok() && fb.ok());
  ASSERT_EQ(fa->rows.size(), 4u);
  ASSERT_EQ(fb->rows.size(), 4u);
  EXPECT_DOUBLE_EQ(fa->rows[0].real_time_ns, 100);
  EXPECT_DOUBLE_EQ(fb->rows[3].real_time_ns, 250);
  // Both sides name the same run, so the gate knows they were interleaved.
  EXPECT_TRUE(same_interleaved_run(fa->context, fb->context));
  auto again = run_benchmarks_interleaved(a, b, opts(1));
  ASSERT_TRUE(again.ok());
  auto fa2 = parse_benchmark_json(again->baseline_json, "a2");
  ASSERT_TRUE(fa2.ok());
  EXPECT_FALSE(same_interleaved_run(fa2->context, fb->context));
}

TEST(BenchRunnerTest, FailuresAreErrors) {
  auto missing = run_benchmarks({"/nonexistent/bench", {}, {}}, {});
  EXPECT_THAT(missing, matchers::StatusIs(ErrorCode::kUnavailable,
                                          ::testing::HasSubstr("cannot start (No such file or directory)")));
  auto failing = run_benchmarks({kFake, {"--fail"}, {}}, opts(1));
  EXPECT_THAT(failing, matchers::StatusIs(ErrorCode::kUnavailable, ::testing::HasSubstr("exited with status 3")));
  EXPECT_THAT(run_benchmarks({kFake, {}, {}}, opts(0)), matchers::StatusIs(ErrorCode::kInvalidArgument));
}

// The process family of one fake_bench_family.sh run: the script (the
// benchmark process), the `sleep` it left in the background, and the
// --benchmark_out argument it was given.
struct Family {
  pid_t bench = 0;
  pid_t background = 0;
  std::string out_arg;
};

// Waits up to 10 s for the script to report its family.
std::optional<Family> await_family(const std::filesystem::path& path) {
  for (int i = 0; i < 1000; ++i) {
    std::ifstream in(path);
    Family f;
    if (in >> f.bench >> f.background >> f.out_arg) return f;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return std::nullopt;
}

// True while `pid` is a live process (a zombie counts as gone): its state
// and process group from /proc/<pid>/stat.
bool alive(pid_t pid, pid_t* group = nullptr) {
  // A process that ends while it is read fails the read (ESRCH): gone.
  std::string text;
  try {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  } catch (const std::ios_base::failure&) {
    return false;
  }
  const auto paren = text.rfind(')');
  if (paren == std::string::npos) return false;
  std::istringstream fields(text.substr(paren + 2));
  char state = 0;
  pid_t parent = 0, pgrp = 0;
  fields >> state >> parent >> pgrp;
  if (group != nullptr) *group = pgrp;
  return state != 'Z' && state != 'X';
}

// Live processes whose process group is `pgid`.
std::vector<pid_t> group_members(pid_t pgid) {
  std::vector<pid_t> out;
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    const std::string name = entry.path().filename().string();
    if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos) continue;
    pid_t group = 0;
    if (alive(std::stoi(name), &group) && group == pgid) out.push_back(std::stoi(name));
  }
  return out;
}

// Waits up to 10 s for `pid` and every member of its group to be gone.
bool family_gone(const Family& f) {
  for (int i = 0; i < 1000; ++i) {
    if (!alive(f.bench) && !alive(f.background) && group_members(f.bench).empty()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

class BenchHygieneTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("gauntlet_bench_hygiene_" + std::to_string(::getpid()) + "_" +
                                                     ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  BenchCommand family_bench(int hold_s) const {
    return {kFamily, {}, {{"FAKE_FAMILY", (dir_ / "family").string()}, {"FAKE_HOLD", std::to_string(hold_s)}}};
  }

  const std::string kFamily = std::string(GAUNTLET_SOURCE_DIR) + "/ci/tests/data/fake_bench_family.sh";
  std::filesystem::path dir_;
};

// The benchmark runs in a process group of its own, and whatever it leaves
// running in that group is killed and reaped when it ends.
TEST_F(BenchHygieneTest, WhatTheBenchmarkLeavesRunningIsKilled) {
  auto out = run_benchmarks(family_bench(0), opts(1));
  ASSERT_TRUE(out.ok()) << out.error().message();
  auto family = await_family(dir_ / "family");
  ASSERT_TRUE(family.has_value());
  EXPECT_TRUE(family_gone(*family)) << "the benchmark's background process " << family->background << " survived";
}

// The JSON comes back through a descriptor the benchmark inherits, never a
// named file that a killed runner would leave behind.
TEST_F(BenchHygieneTest, OutputGoesToAnInheritedDescriptorNotANamedFile) {
  auto out = run_benchmarks(family_bench(0), opts(1));
  ASSERT_TRUE(out.ok()) << out.error().message();
  auto family = await_family(dir_ / "family");
  ASSERT_TRUE(family.has_value());
  EXPECT_EQ(family->out_arg.rfind("/proc/self/fd/", 0), 0u) << family->out_arg;
}

// A benchmark killed by a signal is an error that names the signal; its
// group goes with it.
TEST_F(BenchHygieneTest, ABenchmarkKilledByASignalIsAnError) {
  BenchCommand cmd = family_bench(0);
  cmd.env.emplace_back("FAKE_SIGNAL", "TERM");
  auto out = run_benchmarks(cmd, opts(1));
  EXPECT_THAT(out, matchers::StatusIs(ErrorCode::kUnavailable,
                                      ::testing::HasSubstr("killed by signal " + std::to_string(SIGTERM))));
  auto family = await_family(dir_ / "family");
  ASSERT_TRUE(family.has_value());
  EXPECT_TRUE(family_gone(*family));
}

// A benchmark binary whose JSON has the wrong shape is an error naming it,
// never an uncaught exception (the runner merges rows before the reader sees them).
TEST_F(BenchHygieneTest, OutputOfTheWrongShapeIsAnErrorNotAnAbort) {
  const std::string script = (dir_ / "bench.sh").string();
  for (const char* doc : {R"({"benchmarks": 5})", R"({"benchmarks": [7]})", R"({"benchmarks": [{"run_type": 1}]})",
                          R"({"benchmarks": [{"name": 7}]})", R"({"context": 3, "benchmarks": []})"}) {
    {
      std::ofstream out(script);
      out << "#!/bin/sh\n"
          << "for a in \"$@\"; do case \"$a\" in --benchmark_out=*) o=\"${a#--benchmark_out=}\";; esac; done\n"
          << "cat > \"$o\" <<'JSON'\n"
          << doc << "\nJSON\n";
    }
    std::filesystem::permissions(script, std::filesystem::perms::owner_all);
    auto out = run_benchmarks({script, {}, {}}, opts(1));
    ASSERT_THAT(out, matchers::StatusIs(ErrorCode::kParseError)) << doc;
    EXPECT_EQ(out.error().message().rfind(script + ": benchmark output is not Google Benchmark JSON", 0), 0u)
        << out.error().message();
  }
}

// SIGKILL the process that runs the benchmark (no handler, no destructor):
// the benchmark and everything in its group die with it.
TEST_F(BenchHygieneTest, KilledRunnerTakesTheBenchmarkAndItsGroupAlong) {
  const BenchCommand cmd = family_bench(60);
  const pid_t runner = ::fork();
  ASSERT_GE(runner, 0);
  if (runner == 0) {
    (void)run_benchmarks(cmd, opts(1));
    ::_exit(0);
  }
  auto family = await_family(dir_ / "family");
  pid_t group = 0;
  const bool started = family.has_value() && alive(family->bench, &group);
  ::kill(runner, SIGKILL);
  int status = 0;
  ::waitpid(runner, &status, 0);
  ASSERT_TRUE(started) << "the benchmark never started";
  EXPECT_EQ(group, family->bench) << "the benchmark leads a process group of its own";
  EXPECT_TRUE(family_gone(*family)) << "benchmark " << family->bench << " or its group outlived the runner";
}

TEST(CalibrationTest, CountsFalseAlarmsOverOrderedPairs) {
  std::vector<BenchmarkFile> runs;
  // Three runs of the same code; the third sits 30% higher (a machine mood).
  for (int i = 0; i < 3; ++i) {
    auto f = testing::file_named("r" + std::to_string(i));
    testing::add_runs(f, "BM_A", testing::noisy(20, i == 2 ? 1300 : 1000, 0.02, static_cast<std::uint64_t>(i)));
    runs.push_back(f);
  }
  auto rows = calibrate(runs, GateConfig{});
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  const CalibrationRow& r = (*rows)[0];
  EXPECT_EQ(r.comparisons, 6);
  EXPECT_EQ(r.false_alarms, 4);  // every pair involving the third run
  EXPECT_NEAR(r.false_alarm_rate, 4.0 / 6.0, 1e-12);
  EXPECT_GT(r.p95_abs_change, 0.2);
  EXPECT_THAT(calibrate({runs[0]}, GateConfig{}), matchers::StatusIs(ErrorCode::kInvalidArgument));
}

}  // namespace
}  // namespace gauntlet::ci
