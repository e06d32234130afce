// `gauntlet chaos list` and `gauntlet chaos run <name|file>`.
#include <fmt/format.h>

#include <filesystem>
#include <memory>
#include <ostream>

#include "gauntlet/chaos/journal.h"
#include "gauntlet/chaos/runner.h"
#include "gauntlet/chaos/scenario_file.h"
#include "gauntlet/chaos/scenarios/builtin.h"
#include "gauntlet/chaos/service/service_scenario.h"
#include "gauntlet/chaos/shrink.h"
#include "gauntlet/cli/command_registry.h"
#include "phase_table.h"

namespace gauntlet::chaos {
namespace {

struct RunArgs {
  std::string what;
  std::uint64_t seed = 1;
  std::string time;
  std::string journal;
  std::string variant = "healthy";
  int tests = 30;
  std::vector<std::string> points{"chain.c"};
  std::string out;
  std::string logs;
  bool allow_remote = false;
};

bool is_file(const std::string& what) {
  return what.ends_with(".yaml") || what.ends_with(".yml") || what.find('/') != std::string::npos;
}

cli::CommandResult list(cli::CommandIO& io) {
  for (const auto& b : builtin_scenarios()) {
    io.out << fmt::format("{:<20} {:<7} {} (fails on service_chain/{})\n", b.name, to_string(b.default_mode), b.summary,
                          b.broken_variant);
  }
  return cli::Verdict::kPass;
}

std::string progress_line(const Sample& s) {
  return fmt::format("\r{:>7.1f}s {:<10} {:>7.1f} req/s  errors {:>5.1f}%  p99 {:>8.2f} ms", to_seconds(s.t), s.phase,
                     s.throughput_rps, s.error_rate * 100, static_cast<double>(s.p99_ns) / 1e6);
}

Result<Scenario> load(const RunArgs& args) {
  if (!is_file(args.what)) return builtin_scenario(args.what, args.variant);
  service::ServiceFileOptions options;
  options.allow_remote = args.allow_remote;
  options.logs = args.logs;
  options.logs_parent = std::filesystem::absolute(std::filesystem::path(".gauntlet") / "chaos");
  return service::load_any_scenario_file(args.what, bundled_target, options);
}

cli::CommandResult run(const RunArgs& args, cli::CommandIO& io) {
  Result<Scenario> scenario = load(args);
  if (!scenario) return scenario.error();
  RunOptions options;
  options.seed = args.seed;
  options.mode =
      args.time.empty() ? scenario->default_mode : (args.time == "real" ? TimeMode::kReal : TimeMode::kVirtual);
  options.replay_as = {args.what};
  if (args.variant != "healthy" && !is_file(args.what))
    options.replay_as.insert(options.replay_as.end(), {"--variant", args.variant});
  const bool live = io.out_is_terminal && options.mode == TimeMode::kReal;
  if (live) options.on_sample = [&io](const Sample& s) { io.out << progress_line(s) << std::flush; };
  auto record = run_scenario(*scenario, options);
  if (live) io.out << "\n";
  if (!record) return record.error();
  if (!args.journal.empty()) {
    if (Status s = write_text_file(args.journal, journal_json(*scenario, *record)); !s) return s.error();
  }
  const Totals& t = record->totals;
  io.out << fmt::format("{} ({} time, seed {}): {} issued, {} succeeded, {} failed, {} rejected, {} not sent\n",
                        scenario->name, to_string(options.mode), args.seed, t.issued, t.succeeded, t.failed, t.rejected,
                        t.not_sent);
  io.out << console::phase_table(*record);
  for (const auto& v : record->verdicts) {
    io.out << fmt::format("  {} {} — {}\n", v.holds ? "PASS" : "FAIL", v.hypothesis, v.evidence);
  }
  if (record->passed()) return cli::Verdict::kPass;
  io.out << "failing hypotheses: ";
  bool first = true;
  for (const auto& v : record->verdicts) {
    if (v.holds) continue;
    io.out << (first ? "" : "; ") << v.hypothesis;
    first = false;
  }
  io.out << "\nreplay: " << record->replay << "\n";
  return cli::Verdict::kCheckFailed;
}

// Searches fault schedules for a built-in and shrinks the first that breaks it.
cli::CommandResult shrink(const RunArgs& args, cli::CommandIO& io) {
  auto scenario = builtin_scenario(args.what, args.variant);
  if (!scenario) return scenario.error();
  ShrinkOptions options;
  options.seed = args.seed;
  options.tests = args.tests;
  options.points = args.points;
  auto found = search_schedules(*scenario, options);
  if (!found) return found.error();
  if (!found->found) {
    io.out << fmt::format("{}: no schedule of {} tried broke a hypothesis ({} runs)\n", args.what, args.tests,
                          found->runs);
    return cli::Verdict::kPass;
  }
  Scenario minimal = *scenario;
  minimal.schedule = found->minimal;
  minimal.name = args.what + "_minimal";
  auto yaml = scenario_yaml(minimal);
  const std::string path = args.out.empty() ? minimal.name + ".yaml" : args.out;
  io.out << fmt::format("{}: minimal failing schedule after {} runs:\n", args.what, found->runs);
  for (const auto& f : found->minimal.faults()) {
    io.out << fmt::format("  {} error rate {:.2f} from {:.1f} s to {:.1f} s\n", f.point, f.magnitude,
                          to_seconds(f.start), to_seconds(f.end));
  }
  for (const auto& v : found->failing) io.out << fmt::format("  FAIL {} — {}\n", v.hypothesis, v.evidence);
  if (yaml) {
    if (Status s = write_text_file(path, *yaml); !s) return s.error();
    io.out << "replay: " << replay_command({path}, args.seed, TimeMode::kVirtual) << "\n";
  } else {
    io.out << "replay: (" << yaml.error().message() << ")\n";
  }
  return cli::Verdict::kCheckFailed;
}

// `gauntlet chaos`: its options, and the action that runs it.
cli::CommandAction define_chaos_command(CLI::App& cmd) {
  auto args = std::make_shared<RunArgs>();
  auto chosen = std::make_shared<std::string>();
  cmd.require_subcommand(1);
  CLI::App* list_cmd = cmd.add_subcommand("list", "list the built-in scenarios");
  CLI::App* run_cmd = cmd.add_subcommand("run", "run a built-in scenario or a scenario file");
  run_cmd->add_option("scenario", args->what, "built-in name or YAML file")->required();
  run_cmd->add_option("--seed", args->seed, "run seed (every random choice derives from it)");
  run_cmd->add_option("--time", args->time, "virtual or real (default: the scenario's)")
      ->check(CLI::IsMember({"virtual", "real"}));
  run_cmd->add_option("--journal", args->journal, "write the JSON journal here");
  run_cmd->add_option("--variant", args->variant, "service chain variant for a built-in (default healthy)");
  run_cmd->add_option("--logs", args->logs,
                      "service scenarios: folder for the processes' logs (default .gauntlet/chaos/<name>)");
  run_cmd->add_flag("--allow-remote", args->allow_remote, "service scenarios: permit non-loopback addresses");
  CLI::App* shrink_cmd =
      cmd.add_subcommand("shrink", "search fault schedules for a built-in; shrink the first failure");
  shrink_cmd->add_option("scenario", args->what, "built-in name")->required();
  shrink_cmd->add_option("--seed", args->seed, "search and run seed");
  shrink_cmd->add_option("--variant", args->variant, "service chain variant (default healthy)");
  shrink_cmd->add_option("--tests", args->tests, "schedules to try")->check(CLI::Range(1, 10000));
  shrink_cmd->add_option("--points", args->points, "fault points to target")->delimiter(',');
  shrink_cmd->add_option("--out", args->out, "where to write the minimal scenario (YAML)");
  shrink_cmd->callback([chosen] { *chosen = "shrink"; });
  list_cmd->callback([chosen] { *chosen = "list"; });
  run_cmd->callback([chosen] { *chosen = "run"; });
  return [args, chosen](cli::CommandIO& io) -> cli::CommandResult {
    if (*chosen == "list") return list(io);
    return *chosen == "shrink" ? shrink(*args, io) : run(*args, io);
  };
}

GAUNTLET_REGISTER_COMMAND("chaos", "run chaos scenarios (list, run, shrink)", define_chaos_command);

}  // namespace
}  // namespace gauntlet::chaos
