// `gauntlet bench run`: run one benchmark binary, or a baseline and a
// candidate alternated A B A B ..., and write the JSON the gate reads.
#include "gauntlet/harness/atomic_file.h"
#include "gauntlet/ci/bench_runner.h"
#include "gauntlet/ci/gate_config.h"
#include "gauntlet/records/gate_result.h"
#include "gauntlet/ci/sequential_run.h"
#include "gauntlet/cli/command_registry.h"

#include <fmt/format.h>

#include <memory>
#include <ostream>

namespace gauntlet::ci {
using records::GateSummary;

namespace {

struct BenchRunArgs {
  std::string binary, candidate, out, candidate_out, config, metric;
  std::vector<std::string> env, candidate_env;
  BenchRunOptions options;
  bool until_decided = false;
  int max_rounds = 40;
};

Result<GateConfig> gate_config(const BenchRunArgs& a) {
  GateConfig config;
  if (!a.config.empty()) {
    auto c = read_gate_config(a.config);
    if (!c.ok()) return c.error();
    config = std::move(c).value();
  }
  if (!a.metric.empty()) config.metric = a.metric;
  return config;
}

// The sequential design: outputs and a one-line account of the looks.
Result<BenchRunOutput> run_sequential(const BenchRunArgs& a, const BenchCommand& base, const BenchCommand& cand,
                                      std::string& account) {
  auto config = gate_config(a);
  if (!config.ok()) return config.error();
  auto outcome = run_until_decided(base, cand, a.options, a.max_rounds, *config);
  if (!outcome.ok()) return outcome.error();
  const GateSummary& s = outcome->result.summary;
  account = fmt::format("; {} of {} planned looks, {} inconclusive left", outcome->looks_taken, outcome->looks_planned,
                        s.inconclusive);
  return outcome->output;
}

Result<std::vector<std::pair<std::string, std::string>>> parse_env(const std::vector<std::string>& kvs) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const std::string& kv : kvs) {
    const auto eq = kv.find('=');
    if (eq == std::string::npos || eq == 0)
      return Error(ErrorCode::kInvalidArgument, "--env \"" + kv + "\": expected NAME=VALUE");
    out.emplace_back(kv.substr(0, eq), kv.substr(eq + 1));
  }
  return out;
}

cli::CommandResult run(const BenchRunArgs& a, cli::CommandIO& io) {
  auto env_a = parse_env(a.env);
  if (!env_a.ok()) return env_a.error();
  auto env_b = parse_env(a.candidate_env);
  if (!env_b.ok()) return env_b.error();
  const bool paired = !a.candidate.empty() || !a.candidate_env.empty();
  if (paired && a.candidate_out.empty())
    return Error(ErrorCode::kInvalidArgument, "--candidate-out is required with a candidate");
  BenchCommand base{a.binary, {}, *env_a};
  BenchCommand cand{a.candidate.empty() ? a.binary : a.candidate, {}, *env_b};
  if (a.until_decided && !paired)
    return Error(ErrorCode::kInvalidArgument, "--until-decided needs a candidate (--candidate or --candidate-env)");
  std::string account;
  auto result = a.until_decided ? run_sequential(a, base, cand, account)
                : paired        ? run_benchmarks_interleaved(base, cand, a.options)
                                : run_benchmarks(base, a.options);
  if (!result.ok()) return result.error();
  if (Status s = write_file_atomically(a.out, result->baseline_json); !s.ok()) return s.error();
  if (paired)
    if (Status s = write_file_atomically(a.candidate_out, result->candidate_json); !s.ok()) return s.error();
  io.out << "wrote " << a.out << (paired ? " and " + a.candidate_out : "") << " (" << a.options.rounds << " round(s) x "
         << a.options.repetitions << " repetitions" << (paired ? ", interleaved A B" : "") << account << ")\n";
  return cli::Verdict::kPass;
}

// `gauntlet bench`: its options, and the action that runs it.
cli::CommandAction define_bench_command(CLI::App& cmd) {
  auto a = std::make_shared<BenchRunArgs>();
  cmd.require_subcommand(1);
  auto* r = cmd.add_subcommand("run", "run and write Google Benchmark JSON for the gate");
  r->add_option("--binary", a->binary, "benchmark binary (the baseline when a candidate is given)")->required();
  r->add_option("--candidate", a->candidate, "candidate binary: alternate baseline and candidate A B A B");
  r->add_option("--env", a->env, "NAME=VALUE for the baseline (repeatable)");
  r->add_option("--candidate-env", a->candidate_env, "NAME=VALUE for the candidate (repeatable)");
  r->add_option("--out", a->out, "baseline (or only) JSON output")->required();
  r->add_option("--candidate-out", a->candidate_out, "candidate JSON output");
  r->add_option("--rounds", a->options.rounds, "invocations per side")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  r->add_option("--repetitions", a->options.repetitions, "repetitions per invocation")
      ->check(CLI::Range(1, 10000))
      ->capture_default_str();
  r->add_option("--filter", a->options.filter, "--benchmark_filter");
  r->add_option("--min-time", a->options.min_time, "--benchmark_min_time");
  r->add_flag("!--no-random-interleaving", a->options.random_interleaving, "keep Google Benchmark's order");
  r->add_flag("--until-decided", a->until_decided,
              "with a candidate: add rounds for undecided benchmarks at planned looks (doubling from --rounds) "
              "until all are decided or --max-rounds; error rate held by Bonferroni over the looks");
  r->add_option("--max-rounds", a->max_rounds, "--until-decided: most rounds per side")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  r->add_option("--config", a->config, "--until-decided: gate YAML configuration that judges each look");
  r->add_option("--metric", a->metric, "--until-decided: metric judged (overrides the config)");
  return [a](cli::CommandIO& io) -> cli::CommandResult { return run(*a, io); };
}

GAUNTLET_REGISTER_COMMAND("bench", "run Google Benchmark binaries (alone or baseline/candidate interleaved)",
                          define_bench_command);

}  // namespace
}  // namespace gauntlet::ci
