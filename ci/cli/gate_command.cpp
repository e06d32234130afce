// `gauntlet gate`: compare two Google Benchmark JSON files.
#include "gauntlet/harness/atomic_file.h"
#include "gauntlet/ci/bench_runner.h"
#include "gauntlet/ci/journal_latencies.h"
#include "gauntlet/ci/calibration.h"
#include "gauntlet/ci/confirmation.h"
#include "gauntlet/ci/gate.h"
#include "gauntlet/ci/gate_reporters.h"
#include "gauntlet/ci/gate_rerun.h"
#include "gauntlet/ci/history.h"
#include "gauntlet/ci/history_gate.h"
#include "gauntlet/cli/command_registry.h"
#include "gauntlet/records/gate_result_json.h"

#include <fmt/format.h>

#include <cmath>
#include <cstdlib>
#include <memory>
#include <ostream>

namespace gauntlet::ci {
using records::GateResult;

namespace {

struct GateOptions {
  std::string baseline, current, config, json, markdown, github_benchmark, bencher, metric, history, machine;
  std::uint64_t seed = 0;
  bool seed_given = false;
  bool strict_environment = false;
  bool fail_inconclusive = false;
  std::vector<std::string> journals;  ///< chaos journals: budget sources
  std::vector<std::string> calibration_runs;
  std::string calibration_binary;  ///< run it this many times instead of reading files
  int calibration_count = 5;
  BenchRunOptions calibration_run{1, 5, true, "", ""};
  std::vector<std::string> confirm_with;  ///< BASE_BINARY CURRENT_BINARY
  ConfirmOptions confirm;
};

bool colour_wanted(const cli::CommandIO& io) {
  const char* no_colour = std::getenv("NO_COLOR");
  return io.out_is_terminal && (no_colour == nullptr || *no_colour == '\0');
}

GateInvocation invocation(const GateOptions& o, std::uint64_t seed) {
  return {o.baseline,          o.current,  o.config,       o.metric,  o.history,
          o.machine,           o.journals, o.confirm_with, o.confirm, o.strict_environment,
          o.fail_inconclusive, seed};
}

Result<GateConfig> load_config(const GateOptions& o) {
  GateConfig config;
  if (!o.config.empty()) {
    auto c = read_gate_config(o.config);
    if (!c.ok()) return c.error();
    config = std::move(c).value();
  }
  if (!o.metric.empty()) config.metric = o.metric;
  if (!o.machine.empty()) config.history_machine = o.machine;
  if (o.seed_given) config.seed = o.seed;
  if (o.strict_environment) config.environment = EnvironmentPolicy::kRefuse;
  if (o.fail_inconclusive) config.inconclusive = InconclusivePolicy::kFail;
  return config;
}

// A/A runs: the files given, or `calibration_count` separate runs of the binary.
Result<std::vector<BenchmarkFile>> calibration_inputs(const GateOptions& o) {
  std::vector<BenchmarkFile> runs;
  for (const std::string& path : o.calibration_runs) {
    auto f = read_benchmark_file(path);
    if (!f.ok()) return f.error();
    runs.push_back(std::move(f).value());
  }
  for (int i = 0; !o.calibration_binary.empty() && i < o.calibration_count; ++i) {
    auto out = run_benchmarks(BenchCommand{o.calibration_binary, {}, {}}, o.calibration_run);
    if (!out.ok()) return out.error();
    auto f = parse_benchmark_json(out->baseline_json, o.calibration_binary + " run " + std::to_string(i + 1));
    if (!f.ok()) return f.error();
    runs.push_back(std::move(f).value());
  }
  return runs;
}

cli::CommandResult calibrate_runs(const GateOptions& o, cli::CommandIO& io) {
  if (o.calibration_runs.empty() == o.calibration_binary.empty())
    return Error(ErrorCode::kInvalidArgument, "give two or more run files, or --binary");
  auto config = load_config(o);
  if (!config.ok()) return config.error();
  auto inputs = calibration_inputs(o);
  if (!inputs.ok()) return inputs.error();
  const std::vector<BenchmarkFile>& runs = *inputs;
  auto rows = calibrate(runs, *config);
  if (!rows.ok()) return rows.error();
  io.out << fmt::format("{:<40} {:>6} {:>7} {:>8} {:>10} {:>12}\n", "benchmark", "pairs", "alarms", "rate",
                        "median MDE", "p95 |change|");
  for (const CalibrationRow& r : *rows)
    io.out << fmt::format("{:<40} {:>6} {:>7} {:>7.1f}% {:>9} {:>11.1f}%\n", r.name, r.comparisons, r.false_alarms,
                          100.0 * r.false_alarm_rate,
                          std::isfinite(r.median_mde) ? fmt::format("{:.1f}%", 100.0 * r.median_mde) : "none",
                          100.0 * r.p95_abs_change);
  return cli::Verdict::kPass;
}

Result<std::vector<OperationLatency>> journal_latencies(const GateOptions& o) {
  std::vector<OperationLatency> all;
  for (const std::string& path : o.journals) {
    auto ops = read_journal_latencies(path);
    if (!ops.ok()) return ops.error();
    all.insert(all.end(), ops->begin(), ops->end());
  }
  return all;
}

Result<GateResult> compare(const GateOptions& o, const GateConfig& config,
                           const std::vector<OperationLatency>& journals) {
  if (o.baseline.empty() && o.current.empty() && !journals.empty()) return run_budget_gate(config, journals);
  if (o.current.empty())
    return Error(ErrorCode::kInvalidArgument,
                 "--current is required (with --baseline to compare; or --journal for budgets only)");
  auto cur = read_benchmark_file(o.current);
  if (!cur.ok()) return cur.error();
  if (o.baseline.empty()) {
    if (!o.confirm_with.empty() || !o.history.empty())
      return Error(ErrorCode::kInvalidArgument, "--confirm-with and --history need --baseline");
    return run_single_gate(*cur, config, journals);
  }
  auto base = read_benchmark_file(o.baseline);
  if (!base.ok()) return base.error();
  if (o.history.empty()) return run_gate(*base, *cur, config, {}, journals);
  auto db = records::open_history(o.history);
  if (!db.ok()) return db.error();
  return run_gate_with_history(*base, *cur, config, **db, journals);
}

cli::CommandResult run(const GateOptions& o, cli::CommandIO& io) {
  auto loaded = load_config(o);
  if (!loaded.ok()) return loaded.error();
  const GateConfig config = std::move(loaded).value();
  auto journals = journal_latencies(o);
  if (!journals.ok()) return journals.error();
  auto result = compare(o, config, *journals);
  if (!result.ok()) return result.error();
  if (o.confirm_with.size() == 2) {
    auto confirmed = confirm_suspects(std::move(result).value(), BenchCommand{o.confirm_with[0], {}, {}},
                                      BenchCommand{o.confirm_with[1], {}, {}}, o.confirm, config);
    if (!confirmed.ok()) return confirmed.error();
    result = std::move(confirmed);
  }
  result->rerun = gate_rerun_line(invocation(o, config.seed));

  const std::pair<const std::string*, std::string> outputs[] = {
      {&o.json, o.json.empty() ? "" : records::gate_result_json(*result)},
      {&o.markdown, o.markdown.empty() ? "" : gate_markdown(*result)},
      {&o.github_benchmark, o.github_benchmark.empty() ? "" : github_action_benchmark_json(*result)},
      {&o.bencher, o.bencher.empty() ? "" : bencher_bmf_json(*result)}};
  for (const auto& [path, text] : outputs) {
    if (path->empty()) continue;
    if (Status s = write_file_atomically(*path, text); !s.ok()) return s.error();
  }
  io.out << gate_console_table(*result, colour_wanted(io));
  return cli::verdict_of(result->passed);
}

// `gauntlet gate`: its options, and the action that runs it.
cli::CommandAction define_gate_command(CLI::App& cmd) {
  auto o = std::make_shared<GateOptions>();
  cmd.add_option("--baseline", o->baseline, "baseline Google Benchmark JSON (without it: budgets and ratios only)");
  cmd.add_option("--current", o->current, "current Google Benchmark JSON (required unless --journal alone)");
  auto* calib = cmd.add_subcommand("calibrate", "A/A runs of the same code: false-alarm rate and detectable effect");
  calib->add_option("runs", o->calibration_runs, "two or more Google Benchmark JSON files of identical code");
  calib->add_option("--binary", o->calibration_binary, "run this Google Benchmark binary instead, --count times");
  calib->add_option("--count", o->calibration_count, "separate runs of --binary")
      ->check(CLI::Range(2, 1000))
      ->capture_default_str();
  calib->add_option("--repetitions", o->calibration_run.repetitions, "repetitions per run")
      ->check(CLI::Range(1, 10000))
      ->capture_default_str();
  calib->add_option("--filter", o->calibration_run.filter, "--benchmark_filter");
  calib->add_option("--min-time", o->calibration_run.min_time, "--benchmark_min_time");
  calib->fallthrough();
  cmd.add_option("--config", o->config, "gate YAML configuration");
  cmd.add_option("--metric", o->metric, "real_time, cpu_time or a counter name (overrides the config)");
  cmd.add_option("--history", o->history,
                 "history for learned noise and change points: a SQLite file or a postgresql:// URI");
  cmd.add_option("--machine", o->machine,
                 "machine class whose history runs the noise is learned from (default: this run's host name)");
  cmd.add_option("--journal", o->journals,
                 "chaos journal whose phases are budget operations <scenario>/<phase> "
                 "(repeatable; alone: budgets only)");
  cmd.add_option("--json", o->json, "write the GateResult JSON (gauntlet.gate/1) here");
  cmd.add_option("--markdown", o->markdown, "write a Markdown summary here (e.g. $GITHUB_STEP_SUMMARY)");
  cmd.add_option("--github-benchmark", o->github_benchmark, "write github-action-benchmark customSmallerIsBetter JSON");
  cmd.add_option("--bencher", o->bencher, "write Bencher Metric Format JSON");
  cmd.add_option("--seed", o->seed, "bootstrap seed (overrides the config)")->each([o](const std::string&) {
    o->seed_given = true;
  });
  cmd.add_option("--confirm-with", o->confirm_with,
                 "BASE_BINARY CURRENT_BINARY: re-run the benchmarks the files suggest regressed, interleaved until "
                 "decided, and decide them from that run")
      ->expected(2);
  cmd.add_option("--confirm-rounds", o->confirm.run.rounds, "--confirm-with: rounds before the first look")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  cmd.add_option("--confirm-max-rounds", o->confirm.max_rounds, "--confirm-with: most rounds per side")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  cmd.add_option("--confirm-min-time", o->confirm.run.min_time, "--confirm-with: --benchmark_min_time");
  cmd.add_flag("--strict-environment", o->strict_environment, "refuse to compare runs from different machines");
  cmd.add_flag("--fail-inconclusive", o->fail_inconclusive, "treat inconclusive benchmarks as failures");
  return [o, calib](cli::CommandIO& io) -> cli::CommandResult {
    return calib->parsed() ? calibrate_runs(*o, io) : run(*o, io);
  };
}

GAUNTLET_REGISTER_COMMAND("gate", "compare benchmark runs: exit 0 pass, 1 regression or budget breach, 2 bad input",
                          define_gate_command);

}  // namespace
}  // namespace gauntlet::ci
