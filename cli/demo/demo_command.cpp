// `gauntlet demo`: everything Gauntlet does, on embedded defaults — the
// built-in chaos scenarios in virtual time, a real-time cascade through the
// fault proxy, the property suites this build produced, the primitives
// benchmarks gated against the committed baseline and recorded in the
// history — then one report (HTML, JUnit XML, Markdown) from their records.
#include <filesystem>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "demo_steps.h"
#include "gauntlet/harness/atomic_file.h"
#include "gauntlet/cli/command_registry.h"
#include "gauntlet/reports/report.h"
#include "gauntlet/reports/writers.h"

// Paths in this build tree, set by ci/demo.cmake; empty when not built.
#ifndef GAUNTLET_DEMO_PROPERTY_SUITES
#define GAUNTLET_DEMO_PROPERTY_SUITES ""  // '|'-separated executables
#endif
#ifndef GAUNTLET_DEMO_BENCH_BINARY
#define GAUNTLET_DEMO_BENCH_BINARY ""
#endif
#ifndef GAUNTLET_DEMO_BASELINE
#define GAUNTLET_DEMO_BASELINE ""
#endif
#ifndef GAUNTLET_DEMO_GATE_CONFIG
#define GAUNTLET_DEMO_GATE_CONFIG ""
#endif
#ifndef GAUNTLET_HTTP_CHAIN_NODE
#define GAUNTLET_HTTP_CHAIN_NODE ""
#endif

namespace gauntlet::demo {
namespace {

std::vector<std::string> property_suites() {
  std::vector<std::string> out;
  std::string_view all = GAUNTLET_DEMO_PROPERTY_SUITES;
  while (!all.empty()) {
    const std::size_t bar = all.find('|');
    out.emplace_back(all.substr(0, bar));
    all = bar == std::string_view::npos ? std::string_view{} : all.substr(bar + 1);
  }
  return out;
}

struct DemoOptions {
  std::string out = "gauntlet-report";
  std::uint64_t seed = 1;
  detail::BenchmarkStage bench{GAUNTLET_DEMO_BENCH_BINARY, GAUNTLET_DEMO_BASELINE, GAUNTLET_DEMO_GATE_CONFIG,
                               GAUNTLET_VERSION, ".gauntlet/history.sqlite",
                               // The fast primitives; exposition and the tracer's exporters take longer.
                               "^(counter_inc|gauge_set|histogram_record|timer_scope|fault_point_disarmed|"
                               "breaker_allow_record|span_start_end|atomic_add|bool_load|steady_clock_now)/",
                               "0.05", 5};
  bool skip_bench = false;
  bool skip_process = false;
};

cli::CommandResult run_demo(DemoOptions o, cli::CommandIO& io) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(o.out, ec);
  if (ec) return Error(ErrorCode::kIoError, "cannot create " + o.out + ": " + ec.message());
  reports::Report report;
  report.title = "Gauntlet demo";
  report.environment.emplace_back("seed", std::to_string(o.seed));
  detail::Stage stage{fs::path(o.out), report, io.out, o.seed};
  std::vector<std::function<Status()>> stages = {
      [&] { return detail::run_builtin_scenarios(stage); },
      [&] { return o.skip_process ? Status{} : detail::run_process_cascade(stage, GAUNTLET_HTTP_CHAIN_NODE); },
      [&] { return detail::run_property_suites(stage, property_suites()); },
      [&] { return o.skip_bench ? Status{} : detail::run_benchmark_gate(stage, o.bench); },
  };
  for (const auto& run : stages) {
    if (Status s = run(); !s) return s.error();
  }
  reports::MarkdownOptions md;
  md.html_name = "index.html";
  const fs::path dir(o.out);
  for (const auto& [name, text] :
       {std::pair{"index.html", reports::write_html(report)}, std::pair{"junit.xml", reports::write_junit_xml(report)},
        std::pair{"summary.md", reports::write_markdown(report, md)}}) {
    if (Status s = write_file_atomically(dir / name, text); !s) return s.error();
  }
  const bool passed = stage.passed && reports::summarize(report).passed;
  io.out << (passed ? "PASS" : "FAIL") << ": report at " << (dir / "index.html").string() << "\n";
  return cli::verdict_of(passed);
}

}  // namespace

GAUNTLET_REGISTER_COMMAND(
    "demo", "run every part of Gauntlet on its bundled targets and write one report",
    [](CLI::App& cmd) -> cli::CommandAction {
      auto o = std::make_shared<DemoOptions>();
      cmd.add_option("--out", o->out, "report directory")->capture_default_str();
      cmd.add_option("--seed", o->seed, "seed of every scenario and of the gate's bootstrap")->capture_default_str();
      cmd.add_option("--history", o->bench.history,
                     "history the benchmark run is recorded in (a SQLite file or a postgresql:// URI)")
          ->capture_default_str();
      cmd.add_option("--baseline", o->bench.baseline,
                     "Google Benchmark JSON the primitives are gated against (default: the source tree's "
                     "benchmarks/baselines/demo-primitives.json)");
      cmd.add_flag("--skip-bench", o->skip_bench, "leave out the benchmarks, the gate and the history");
      cmd.add_flag("--skip-process", o->skip_process, "leave out the real-time out-of-process cascade");
      return [o](cli::CommandIO& io) -> cli::CommandResult { return run_demo(*o, io); };
    });

}  // namespace gauntlet::demo
