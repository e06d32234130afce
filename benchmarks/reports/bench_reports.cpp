// Report generation at CI scale: 10,000 test cases + 500 benchmarks (with
// 30-run history) + 10 chaos journals (600 samples each). Counters report the
// output size; the target is at most 1 s and 3 MB for the HTML page.
#include <benchmark/benchmark.h>

#include <random>
#include <string>

#include "gauntlet/reports/writers.h"

namespace {

using namespace gauntlet::reports;
namespace records = gauntlet::records;

Report make_report(std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  Report r;
  r.title = "Scale run";
  r.environment = {{"commit", "0123456789abcdef"}, {"runner", "bench"}};
  for (int i = 0; i < 10'000; ++i) {
    TestCase t;
    t.suite = "Suite" + std::to_string(i / 25) + "/Param";
    t.name = "Case_" + std::to_string(i) + "/" + std::to_string(i % 7);
    t.time_s = unit(rng) * 0.05;
    t.file = "tests/suite_" + std::to_string(i / 25) + ".cpp";
    t.line = 10 + i % 300;
    double roll = unit(rng);
    if (roll < 0.02) {
      t.status = TestStatus::kFailed;
      t.failures = {t.file + ":" + std::to_string(t.line) +
                    "\nExpected equality of these values:\n  value\n    Which is: " + std::to_string(i) +
                    "\n  expected\n    Which is: " + std::to_string(i + 1) + "\n" + std::string(300, '.')};
    } else if (roll < 0.05) {
      t.status = TestStatus::kSkipped;
      t.skip_message = "needs a GPU";
    }
    r.tests.cases.push_back(std::move(t));
  }
  r.tests.duration_s = 321.0;
  records::GateResult g;
  g.passed = false;
  g.metric = "real_time";
  g.rerun = "gauntlet gate base.json cur.json --seed 1";
  for (int i = 0; i < 500; ++i) {
    records::BenchmarkComparison c;
    c.name = "BM_Operation" + std::to_string(i) + "/threads:" + std::to_string(1 << (i % 4));
    c.baseline.median = 10 + 1000 * unit(rng);
    c.ratio = 1 + (unit(rng) - 0.5) * 0.2;
    c.current.median = c.baseline.median * c.ratio;
    c.ci_low = c.ratio - 0.03;
    c.ci_high = c.ratio + 0.03;
    c.verdict = c.ci_low > 1.05    ? records::Verdict::kRegressed
                : c.ci_high < 0.95 ? records::Verdict::kImproved
                                   : records::Verdict::kUnchanged;
    HistorySeries h{c.name, {}, {}, "real_time"};
    for (int k = 0; k < 30; ++k) h.values.push_back(c.baseline.median * (1 + 0.02 * unit(rng)));
    if (i % 10 == 0) g.change_points.push_back({c.name, 20, "r20", 0, 0});
    g.benchmarks.push_back(std::move(c));
    r.history.push_back(std::move(h));
  }
  for (int i = 0; i < 20; ++i) {
    records::BudgetCheck b;
    b.operation = "op" + std::to_string(i);
    b.quantile = "p99";
    b.limit_ns = 2e7;
    b.measured_ns = 1.5e7 + 1e6 * i;
    b.breached = i >= 5;
    b.verdict = b.breached ? "breached" : "within";
    g.budgets.push_back(b);
  }
  r.gates.push_back({"gate.json", std::move(g)});
  for (int j = 0; j < 10; ++j) {
    ChaosJournal cj;
    cj.scenario = "scenario_" + std::to_string(j);
    cj.seed = static_cast<std::uint64_t>(j);
    cj.replay = "gauntlet chaos run scenario_" + std::to_string(j) + " --seed " + std::to_string(j);
    cj.passed = j % 3 != 0;
    cj.duration_s = 60;
    for (int k = 1; k <= 600; ++k) {
      double t = k * 0.1;
      bool fault = t > 20 && t < 35;
      cj.samples.push_back({t, 1000 + 100 * unit(rng) - (fault ? 400 : 0), fault ? 0.1 : 0.001, 10 + unit(rng),
                            40 + 5 * unit(rng) + (fault ? 100 : 0), 80 + 10 * unit(rng) + (fault ? 200 : 0)});
    }
    JournalPhaseStats outage;
    outage.name = "outage";
    outage.faults = "error_rate 1.00 at db.query";
    outage.start_s = 20;
    outage.end_s = 35;
    cj.phases = {outage};
    cj.breaker_bands = {
        {"db", "closed", 0, 22}, {"db", "open", 22, 30}, {"db", "half_open", 30, 31}, {"db", "closed", 31, 60}};
    cj.hypotheses = {{"error rate below 5% [steady]", true, "max 0.2%"},
                     {"recovers within 10 s", cj.passed, "recovered after 8 s"}};
    r.journals.push_back(std::move(cj));
  }
  return r;
}

const Report& scale_report() {
  static const Report report = make_report(1);
  return report;
}

void BM_HtmlAtScale(benchmark::State& state) {
  const Report& report = scale_report();
  std::size_t bytes = 0;
  for (auto _ : state) {
    std::string html = write_html(report);
    bytes = html.size();
    benchmark::DoNotOptimize(html.data());
  }
  state.counters["bytes"] = static_cast<double>(bytes);
  state.counters["MB"] = static_cast<double>(bytes) / 1e6;
}
BENCHMARK(BM_HtmlAtScale)->Unit(benchmark::kMillisecond);

void BM_JunitAtScale(benchmark::State& state) {
  const Report& report = scale_report();
  std::size_t bytes = 0;
  for (auto _ : state) {
    std::string xml = write_junit_xml(report);
    bytes = xml.size();
    benchmark::DoNotOptimize(xml.data());
  }
  state.counters["bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_JunitAtScale)->Unit(benchmark::kMillisecond);

void BM_MarkdownAtScale(benchmark::State& state) {
  const Report& report = scale_report();
  std::size_t bytes = 0;
  for (auto _ : state) {
    std::string md = write_markdown(report);
    bytes = md.size();
    benchmark::DoNotOptimize(md.data());
  }
  state.counters["bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_MarkdownAtScale)->Unit(benchmark::kMillisecond);

}  // namespace
