// `gauntlet baseline save|show|promote`: named baselines, written atomically.
#include "gauntlet/ci/baseline_store.h"
#include "gauntlet/cli/command_registry.h"
#include "gauntlet/harness/stats/location_shift.h"

#include <fmt/format.h>

#include <map>
#include <memory>
#include <ostream>

namespace gauntlet::ci {
namespace {

struct BaselineOptions {
  std::string dir = kDefaultBaselineDir;
  std::string name = "main";
  std::string from, to, file;
};

cli::CommandResult show(const BaselineOptions& o, cli::CommandIO& io) {
  BaselineStore store(o.dir);
  auto file = store.load(o.name);
  if (!file.ok()) return file.error();
  std::map<std::string, std::vector<double>> times;
  for (const BenchmarkRow& row : file->rows)
    if (row.run_type == RunType::kIteration && !row.errored && !row.skipped)
      times[row.run_name].push_back(row.real_time_ns);
  io.out << fmt::format("baseline {} ({}), host {}, {} CPUs, {}\n", o.name, file->source, file->context.host_name,
                        file->context.num_cpus, file->context.date);
  for (const auto& [name, v] : times)
    io.out << fmt::format("  {}  n={}  median real_time {:.4g} ns\n", name, v.size(), stats::median(v));
  return cli::Verdict::kPass;
}

// `gauntlet baseline`: its options, and the action that runs it.
cli::CommandAction define_baseline_command(CLI::App& cmd) {
  auto o = std::make_shared<BaselineOptions>();
  auto mode = std::make_shared<std::string>();
  cmd.require_subcommand(1);
  cmd.add_option("--dir", o->dir, "baseline directory")->capture_default_str();
  auto* save = cmd.add_subcommand("save", "store a Google Benchmark JSON file as a baseline");
  save->add_option("file", o->file, "Google Benchmark JSON")->required();
  save->add_option("--name", o->name, "baseline name")->capture_default_str();
  save->callback([mode] { *mode = "save"; });
  auto* sh = cmd.add_subcommand("show", "summarise a stored baseline");
  sh->add_option("--name", o->name, "baseline name")->capture_default_str();
  sh->callback([mode] { *mode = "show"; });
  auto* promote = cmd.add_subcommand("promote", "replace one baseline by another");
  promote->add_option("--from", o->from, "source baseline")->required();
  promote->add_option("--to", o->to, "target baseline")->required();
  promote->callback([mode] { *mode = "promote"; });
  return [o, mode](cli::CommandIO& io) -> cli::CommandResult {
    BaselineStore store(o->dir);
    if (*mode == "show") return show(*o, io);
    Status s = *mode == "save" ? store.save(o->name, o->file) : store.promote(o->from, o->to);
    if (!s.ok()) return s.error();
    io.out << (*mode == "save" ? "saved baseline " + o->name : "promoted " + o->from + " to " + o->to) << "\n";
    return cli::Verdict::kPass;
  };
}

GAUNTLET_REGISTER_COMMAND("baseline", "save, show or promote named benchmark baselines", define_baseline_command);

}  // namespace
}  // namespace gauntlet::ci
