#include <filesystem>

#include <fmt/format.h>

#include "demo_steps.h"
#include "gauntlet/ci/bench_runner.h"
#include "gauntlet/ci/benchmark_file.h"
#include "gauntlet/ci/gate_config.h"
#include "gauntlet/ci/gate_reporters.h"
#include "gauntlet/ci/gate_rerun.h"
#include "gauntlet/ci/history.h"
#include "gauntlet/ci/history_gate.h"
#include "gauntlet/harness/atomic_file.h"
#include "gauntlet/records/gate_result_json.h"
#include "gauntlet/records/history_store.h"

namespace gauntlet::demo::detail {
namespace {

namespace fs = std::filesystem;

std::string gate_line(const records::GateResult& g) {
  const records::GateSummary& s = g.summary;
  std::string line =
      fmt::format("{} ({} regressed, {} improved, {} unchanged, {} inconclusive, {} new)", g.passed ? "pass" : "FAIL",
                  s.regressed, s.improved, s.unchanged, s.inconclusive, s.added);
  if (!g.environment.same_machine) line += "; baseline from another machine: regressions advisory";
  if (!g.passed) line += "; re-run: " + g.rerun;
  return line;
}

// Runs the gate, writes <bench>/gate.json and adds it to the report.
Status gate(Stage& stage, const BenchmarkStage& o, const ci::BenchmarkFile& current, const fs::path& current_path,
            const records::HistoryStore& history) {
  stage.progress << "[2/3] gate  against the committed baseline ... " << std::flush;
  if (o.baseline.empty() || !fs::exists(o.baseline)) {
    stage.progress << "skipped (no baseline at " << o.baseline << ")\n";
    return {};
  }
  auto baseline = ci::read_benchmark_file(o.baseline);
  if (!baseline.ok()) return baseline.error();
  ci::GateConfig config;
  if (!o.config.empty()) {
    auto read = ci::read_gate_config(o.config);
    if (!read.ok()) return read.error();
    config = std::move(read).value();
  }
  config.seed = stage.seed;
  auto result = ci::run_gate_with_history(*baseline, current, config, history);
  if (!result.ok()) return result.error();
  ci::GateInvocation invocation;
  invocation.baseline = o.baseline;
  invocation.current = current_path.string();
  invocation.config = o.config;
  invocation.history = o.history;
  invocation.seed = config.seed;
  result->rerun = ci::gate_rerun_line(invocation);
  const fs::path out = current_path.parent_path() / "gate.json";
  if (Status s = write_file_atomically(out, records::gate_result_json(*result)); !s) return s;
  stage.passed = stage.passed && result->passed;
  stage.progress << gate_line(*result) << "\n";
  return reports::add_input(stage.report, out);
}

}  // namespace

Status run_benchmark_gate(Stage& stage, const BenchmarkStage& o) {
  stage.progress << fmt::format("[1/3] bench {} repetitions of the primitives ... ", o.repetitions) << std::flush;
  if (o.binary.empty() || !fs::exists(o.binary)) {
    stage.progress << "skipped (gauntlet_bench_harness not built)\n";
    return {};
  }
  ci::BenchRunOptions run;
  run.rounds = 1;
  run.repetitions = o.repetitions;
  run.filter = o.filter;
  run.min_time = o.min_time;
  auto output = ci::run_benchmarks(ci::BenchCommand{o.binary, {}, {}}, run);
  if (!output.ok()) return output.error();
  const fs::path current_path = stage.dir / "bench" / "primitives.json";
  std::error_code ec;
  fs::create_directories(current_path.parent_path(), ec);
  if (ec)
    return Error(ErrorCode::kIoError, "cannot create " + current_path.parent_path().string() + ": " + ec.message());
  if (Status s = write_file_atomically(current_path, output->baseline_json); !s) return s;
  auto current = ci::parse_benchmark_json(output->baseline_json, current_path.string());
  if (!current.ok()) return current.error();
  stage.progress << fmt::format("done ({} rows)", current->rows.size()) << "\n";

  auto history = records::open_history(o.history);
  if (!history.ok()) return history.error();
  // Gate first, so the run is judged against the noise of earlier runs only.
  if (Status s = gate(stage, o, *current, current_path, **history); !s) return s;
  stage.progress << "[3/3] history " << o.history << " ... " << std::flush;
  auto id = (*history)->record_run(ci::history_run(*current, o.revision, "demo"), RealClock::instance());
  if (!id.ok()) return id.error();
  auto runs = (*history)->runs(1000);
  if (!runs.ok()) return runs.error();
  stage.progress << fmt::format("run {} recorded ({} run(s) in the history)", *id, runs->size()) << "\n";
  return reports::add_input(stage.report, o.history);
}

}  // namespace gauntlet::demo::detail
