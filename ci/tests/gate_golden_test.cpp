// The gate's machine outputs for one fixed pair of runs, byte for byte: the
// gauntlet.gate/1 record, Markdown, the console table, github-action-benchmark
// and Bencher JSON. These files are produced here, by the gate with a history
// (records/tests/sample_history.h), and are the inputs the readers' tests read
// (reports/tests use golden/gate.json with the same history).
#include <gtest/gtest.h>

#include "gate_test_files.h"
#include "gauntlet/ci/gate.h"
#include "gauntlet/ci/gate_reporters.h"
#include "gauntlet/ci/gate_rerun.h"
#include "gauntlet/ci/history_gate.h"
#include "gauntlet/harness/testing/golden_file.h"
#include "gauntlet/records/gate_result_json.h"
#include "records/tests/sample_history.h"  // records' test support: the sample history

#include <unistd.h>

#include <filesystem>

namespace gauntlet::ci {
namespace {

using ::gauntlet::testing::expect_matches_golden;
using testing::add_runs;
using testing::file_named;
using testing::noisy;

// One row of the current run carrying the latency counters and throughput a
// budget reads (as a benchmark with a latency histogram would write them).
void add_checkout(BenchmarkFile& f) {
  add_runs(f, "checkout", noisy(10, 2.9e6, 0.04, 41));
  for (BenchmarkRow& r : f.rows) {
    if (r.run_name != "checkout") continue;
    r.counters = {{"p50_ns", 3.2e6},       {"p99_ns", 23.4e6},        {"p99_ns_low", 22.8e6},
                  {"p99_ns_high", 24.1e6}, {"latency_samples", 5000}, {"items_per_second", 1500}};
  }
}

records::GateResult golden_gate() {
  // Measured on the machine the history was recorded on: its noise applies.
  BenchmarkFile base = file_named("baseline.json", "ci-runner-1");
  BenchmarkFile cur = file_named("current.json", "ci-runner-1");
  add_runs(base, "BM_HistogramObserve", noisy(10, 18.0, 0.02, 1));
  add_runs(cur, "BM_HistogramObserve", noisy(10, 23.4, 0.02, 2));
  add_runs(base, "BM_SpanStart", noisy(10, 95.0, 0.02, 3));
  add_runs(cur, "BM_SpanStart", noisy(10, 71.0, 0.02, 4));
  add_runs(base, "BM_CounterInc", noisy(10, 3.1, 0.01, 5));
  add_runs(cur, "BM_CounterInc", noisy(10, 3.13, 0.01, 6));
  add_runs(base, "BM_BreakerAllow<std::mutex>", noisy(10, 12.0, 0.04, 7));
  add_runs(cur, "BM_BreakerAllow<std::mutex>", noisy(10, 12.6, 0.04, 8));
  add_runs(base, "BM_Span/plain", noisy(10, 40.0, 0.02, 9));
  add_runs(cur, "BM_Span/plain", noisy(10, 40.0, 0.02, 10));
  add_runs(cur, "BM_Span/instrumented", noisy(10, 41.0, 0.02, 11));
  add_checkout(cur);
  GateConfig config;
  config.thresholds = {{"BM_CounterInc", 0.25}};
  LatencyBudget checkout;
  checkout.operation = "checkout";
  checkout.p50_ns = 5e6;
  checkout.p99_ns = 20e6;
  checkout.tolerance_pct = 5;
  checkout.min_throughput = 1000;
  config.budgets = {checkout};
  config.ratios = {{"instrumentation overhead", "BM_Span/instrumented", "BM_Span/plain", 1.10, 0, ""}};
  const std::filesystem::path db =
      std::filesystem::temp_directory_path() / ("gauntlet_gate_golden_" + std::to_string(::getpid()) + ".sqlite");
  std::filesystem::remove(db);
  Result<records::GateResult> r = Error(ErrorCode::kInternal, "no history");
  {
    auto history = records::open_history(db.string());
    EXPECT_TRUE(history.ok()) << history.error().to_string();
    if (!history.ok()) return {};
    ManualClock clock(1'700'000'000'000'000'000);
    Status recorded = records::testing::record_sample_history(**history, clock);
    EXPECT_TRUE(recorded.ok()) << recorded.error().to_string();
    r = run_gate_with_history(base, cur, config, **history);
  }
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db.string() + suffix);
  EXPECT_TRUE(r.ok()) << r.error().to_string();
  if (!r.ok()) return {};
  GateInvocation invocation;
  invocation.baseline = "baseline.json";
  invocation.current = "current.json";
  invocation.config = "gate.yaml";
  invocation.history = "history.sqlite";
  invocation.seed = config.seed;
  r->rerun = gate_rerun_line(invocation);
  return *r;
}

const records::BenchmarkComparison* find(const records::GateResult& r, const std::string& name) {
  for (const records::BenchmarkComparison& c : r.benchmarks)
    if (c.name == name) return &c;
  return nullptr;
}

TEST(GateGolden, TheRunsShowEveryKindOfVerdict) {
  const records::GateResult r = golden_gate();
  using records::Verdict;
  const std::pair<const char*, Verdict> expected[] = {{"BM_HistogramObserve", Verdict::kRegressed},
                                                      {"BM_SpanStart", Verdict::kImproved},
                                                      {"BM_CounterInc", Verdict::kUnchanged},
                                                      {"BM_BreakerAllow<std::mutex>", Verdict::kInconclusive},
                                                      {"checkout", Verdict::kNew}};
  for (const auto& [name, verdict] : expected) {
    const records::BenchmarkComparison* c = find(r, name);
    ASSERT_NE(c, nullptr) << name;
    EXPECT_EQ(c->verdict, verdict) << name << ": " << c->reason;
  }
  EXPECT_FALSE(r.passed);
  ASSERT_EQ(r.budgets.size(), 2u);  // p50 within, p99 breached
  EXPECT_EQ(r.summary.budget_breaches, 1);
  ASSERT_EQ(r.throughput.size(), 1u);
  EXPECT_EQ(r.throughput[0].verdict, "within");
  ASSERT_EQ(r.ratios.size(), 1u);
  // The history's two level shifts, at the index its series puts them.
  ASSERT_EQ(r.change_points.size(), 2u);
  for (const records::HistoryChangePoint& c : r.change_points) {
    EXPECT_EQ(c.index, records::testing::kSampleHistoryChangeIndex) << c.name;
    EXPECT_EQ(c.revision, "c016") << c.name;
  }
}

TEST(GateGolden, Record) {
  expect_matches_golden(records::gate_result_json(golden_gate()), "ci/tests/golden/gate.json");
}

TEST(GateGolden, Markdown) { expect_matches_golden(gate_markdown(golden_gate()), "ci/tests/golden/gate.md"); }

TEST(GateGolden, Console) {
  expect_matches_golden(gate_console_table(golden_gate(), false), "ci/tests/golden/gate.console.txt");
}

TEST(GateGolden, GithubActionBenchmark) {
  expect_matches_golden(github_action_benchmark_json(golden_gate()), "ci/tests/golden/gate.github-benchmark.json");
}

TEST(GateGolden, Bencher) {
  expect_matches_golden(bencher_bmf_json(golden_gate()), "ci/tests/golden/gate.bencher.json");
}

}  // namespace
}  // namespace gauntlet::ci
