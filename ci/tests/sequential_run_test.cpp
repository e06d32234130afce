// Interleaved order, sequential runs until decided, and --confirm-with's
// confirmation of suspects, against a fake benchmark binary.
#include "gauntlet/ci/benchmark_file.h"
#include "gauntlet/ci/confirmation.h"
#include "gauntlet/ci/gate.h"
#include "gauntlet/ci/sequential_run.h"

#include "gate_test_files.h"
#include "gauntlet/harness/testing/status_matchers.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>

namespace gauntlet::ci {
using records::BenchmarkComparison;
using records::Verdict;

namespace {

namespace fs = std::filesystem;
const std::string kFake = std::string(GAUNTLET_SOURCE_DIR) + "/ci/tests/data/fake_noisy_bench.py";

class SequentialRunTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("gauntlet_sequential_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override {
    if (!HasFailure()) fs::remove_all(dir_);
  }
  BenchCommand side(const std::string& name, const std::string& clear_pct, const std::string& noisy_pct) const {
    return {kFake,
            {},
            {{"FAKE_SIDE", name},
             {"FAKE_STATE", (dir_ / "state").string()},
             {"FAKE_LOG", (dir_ / "log").string()},
             {"FAKE_CLEAR_PCT", clear_pct},
             {"FAKE_NOISY_PCT", noisy_pct}}};
  }
  std::vector<std::string> log() const {
    std::ifstream in(dir_ / "log");
    std::vector<std::string> lines;
    for (std::string l; std::getline(in, l);) lines.push_back(l);
    return lines;
  }
  fs::path dir_;
};

std::map<std::string, int> rows_per_benchmark(const std::string& json) {
  auto f = parse_benchmark_json(json, "side");
  std::map<std::string, int> out;
  if (f.ok())
    for (const auto& r : f->rows) ++out[r.run_name];
  return out;
}

TEST(SequentialDesignTest, LooksDoubleUpToTheCapAndFiltersAreExact) {
  EXPECT_EQ(planned_looks(10, 40), (std::vector<int>{10, 20, 40}));
  EXPECT_EQ(planned_looks(10, 30), (std::vector<int>{10, 20, 30}));
  EXPECT_EQ(planned_looks(10, 10), (std::vector<int>{10}));
  EXPECT_EQ(exact_filter({"BM_A", "BM_T<int>/8", "BM_x.y*"}), "^(BM_A|BM_T<int>/8|BM_x\\.y\\*)$");
}

TEST_F(SequentialRunTest, RoundsAlternateWhoGoesFirst) {
  BenchRunOptions o;
  o.rounds = 3;
  auto out = run_benchmarks_interleaved(side("A", "0", "0"), side("B", "0", "0"), o);
  ASSERT_TRUE(out.ok()) << out.error().message();
  std::string order;
  for (const auto& l : log()) order += l.substr(0, 1);
  EXPECT_EQ(order, "ABBAAB");
}

TEST_F(SequentialRunTest, UntilDecidedReRunsOnlyTheUndecided) {
  BenchRunOptions o;
  o.rounds = 10;
  auto out = run_until_decided(side("A", "0", "0"), side("B", "30", "0"), o, 40, GateConfig{});
  ASSERT_TRUE(out.ok()) << out.error().message();
  EXPECT_EQ(out->looks_planned, 3);
  EXPECT_GE(out->looks_taken, 2);
  // BM_Clear (+30%) was decided at the first look and never run again.
  const auto rows = rows_per_benchmark(out->output.candidate_json);
  EXPECT_EQ(rows.at("BM_Clear"), 10);
  EXPECT_GT(rows.at("BM_Noisy"), 10);
  const auto lines = log();
  ASSERT_GT(lines.size(), 20u);
  for (std::size_t i = 20; i < lines.size(); ++i) EXPECT_EQ(lines[i].substr(2), "BM_Noisy") << i;
  // The files say how they were made, and judging them again gives the same.
  auto a = parse_benchmark_json(out->output.baseline_json, "a");
  auto b = parse_benchmark_json(out->output.candidate_json, "b");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(b->context.extra.at(std::string(kSequentialLooksKey)), "3");
  auto again = run_gate(*a, *b, GateConfig{});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->sequential_looks, 3);
  ASSERT_EQ(again->benchmarks.size(), out->result.benchmarks.size());
  for (std::size_t i = 0; i < again->benchmarks.size(); ++i) {
    EXPECT_EQ(again->benchmarks[i].name, out->result.benchmarks[i].name);
    EXPECT_EQ(again->benchmarks[i].verdict, out->result.benchmarks[i].verdict);
  }
  bool clear_regressed = false, noisy_regressed = false;
  for (const auto& c : again->benchmarks) {
    clear_regressed = clear_regressed || (c.name == "BM_Clear" && c.verdict == Verdict::kRegressed);
    noisy_regressed = noisy_regressed || (c.name == "BM_Noisy" && c.verdict == Verdict::kRegressed);
  }
  EXPECT_TRUE(clear_regressed);
  EXPECT_FALSE(noisy_regressed);
  EXPECT_THAT(run_until_decided(side("A", "0", "0"), side("B", "0", "0"), o, 5, GateConfig{}),
              matchers::StatusIs(ErrorCode::kInvalidArgument));
}

TEST_F(SequentialRunTest, ConfirmationLetsTheInterleavedRunDecideTheSuspects) {
  // Separate single-process runs: BM_Clear +30% (regressed), BM_Noisy +9%
  // (inconclusive, beyond the threshold: a suspect), BM_Fine +1%.
  auto base = testing::file_named("b.json"), cur = testing::file_named("c.json");
  testing::add_runs(base, "BM_Clear", testing::noisy(10, 100, 0.004, 1));
  testing::add_runs(cur, "BM_Clear", testing::noisy(10, 130, 0.004, 2));
  testing::add_runs(base, "BM_Noisy", testing::noisy(10, 100, 0.004, 3));
  testing::add_runs(cur, "BM_Noisy", testing::noisy(10, 109, 0.004, 4));
  testing::add_runs(base, "BM_Fine", testing::noisy(10, 100, 0.004, 5));
  testing::add_runs(cur, "BM_Fine", testing::noisy(10, 101, 0.004, 6));
  auto separate = run_gate(base, cur, GateConfig{});
  ASSERT_TRUE(separate.ok());
  EXPECT_EQ(suspects(*separate, GateConfig{}), (std::vector<std::string>{"BM_Clear", "BM_Noisy"}));
  EXPECT_FALSE(separate->passed);

  ConfirmOptions options;
  options.run.rounds = 10;
  auto confirmed = confirm_suspects(*separate, side("A", "0", "0"), side("B", "30", "0"), options, GateConfig{});
  ASSERT_TRUE(confirmed.ok()) << confirmed.error().message();
  std::map<std::string, const BenchmarkComparison*> by_name;
  for (const auto& c : confirmed->benchmarks) by_name[c.name] = &c;
  EXPECT_EQ(by_name.at("BM_Clear")->verdict, Verdict::kRegressed);
  EXPECT_EQ(by_name.at("BM_Clear")->separate_verdict, "regressed");
  EXPECT_EQ(by_name.at("BM_Clear")->method, "paired rounds");
  EXPECT_EQ(by_name.at("BM_Clear")->reason.rfind("confirmed interleaved: ", 0), 0u);
  EXPECT_NE(by_name.at("BM_Noisy")->verdict, Verdict::kRegressed);
  EXPECT_EQ(by_name.at("BM_Noisy")->separate_verdict, "inconclusive");
  EXPECT_TRUE(by_name.at("BM_Fine")->separate_verdict.empty());  // not a suspect: not re-run
  EXPECT_EQ(confirmed->summary.regressed, 1);
  EXPECT_FALSE(confirmed->passed);
  ASSERT_FALSE(log().empty());
  EXPECT_EQ(log().front(), "A BM_Clear,BM_Noisy");  // the suspects, filtered by name
}

}  // namespace
}  // namespace gauntlet::ci
