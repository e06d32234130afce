// `gauntlet history record|show|trend|copy`: the benchmark history (a SQLite
// file or a PostgreSQL database).
#include "gauntlet/ci/history.h"
#include "gauntlet/cli/command_registry.h"
#include "gauntlet/records/history_series.h"

#include <fmt/format.h>

#include <memory>
#include <ostream>

namespace gauntlet::ci {
using records::HistoryChangePoint;

namespace {

struct HistoryOptions {
  std::string db = records::kDefaultHistoryPath;
  std::string file, revision, label, run_key, machine, benchmark, metric = "real_time", to;
  int limit = 20;
  std::uint64_t seed = 1;
};

cli::CommandResult record(records::HistoryStore& h, const HistoryOptions& o, cli::CommandIO& io) {
  auto file = read_benchmark_file(o.file);
  if (!file.ok()) return file.error();
  records::HistoryRun run = history_run(*file, o.revision, o.label);
  run.run_key = o.run_key;
  run.context.machine = o.machine;
  auto id = h.record_run(run, RealClock::instance());
  if (!id.ok()) return id.error();
  io.out << "recorded run " << *id << " from " << o.file << "\n";
  return cli::Verdict::kPass;
}

cli::CommandResult show(const records::HistoryStore& h, const HistoryOptions& o, cli::CommandIO& io) {
  auto runs = h.runs(o.limit);
  if (!runs.ok()) return runs.error();
  io.out << fmt::format("{} (schema {})\n", h.location(), h.schema_version());
  for (const records::RecordedRun& r : *runs)
    io.out << fmt::format("run {:>5}  {}  {}  {}  {}{}\n", r.id, r.git_revision.empty() ? "-" : r.git_revision,
                          r.label.empty() ? "-" : r.label, r.context.machine, r.source,
                          r.run_key.empty() ? "" : "  key " + r.run_key);
  return cli::Verdict::kPass;
}

cli::CommandResult copy(const records::HistoryStore& from, const HistoryOptions& o, cli::CommandIO& io) {
  auto to = records::open_history(o.to);
  if (!to.ok()) return to.error();
  auto copied = records::copy_history(from, **to);
  if (!copied.ok()) return copied.error();
  io.out << fmt::format("copied {} runs from {} to {} ({} already there)\n", copied->copied, from.location(),
                        (*to)->location(), copied->present);
  return cli::Verdict::kPass;
}

cli::CommandResult trend(const records::HistoryStore& h, const HistoryOptions& o, cli::CommandIO& io) {
  auto series = records::history_series(h, o.benchmark, o.metric);
  if (!series.ok()) return series.error();
  if (series->points.empty())
    return Error(ErrorCode::kNotFound, o.db + ": no samples for benchmark \"" + o.benchmark + "\" metric " + o.metric);
  auto cps = history_change_points(h, o.metric, o.seed);
  if (!cps.ok()) return cps.error();
  for (std::size_t i = 0; i < series->points.size(); ++i) {
    const records::SeriesPoint& p = series->points[i];
    std::string mark;
    for (const HistoryChangePoint& cp : *cps)
      if (cp.name == o.benchmark && cp.index == i)
        mark = fmt::format("  <- change point ({:.4g} -> {:.4g})", cp.before, cp.after);
    io.out << fmt::format("run {:>5}  {:<12}  {:.4g}  (n={}){}\n", p.run_id,
                          p.git_revision.empty() ? "-" : p.git_revision, p.median, p.repetitions, mark);
  }
  return cli::Verdict::kPass;
}

// `gauntlet history`: its options, and the action that runs it.
cli::CommandAction define_history_command(CLI::App& cmd) {
  auto o = std::make_shared<HistoryOptions>();
  auto mode = std::make_shared<std::string>();
  cmd.require_subcommand(1);
  cmd.add_option("--db", o->db,
                 "history: a SQLite file, or a postgresql:// URI (postgresql:// alone: the PG* variables)")
      ->capture_default_str();
  auto* rec = cmd.add_subcommand("record", "add a Google Benchmark JSON run");
  rec->add_option("file", o->file, "Google Benchmark JSON")->required();
  rec->add_option("--revision", o->revision, "git revision of the code measured");
  rec->add_option("--label", o->label, "free-form label (branch, job, ...)");
  rec->add_option("--run-key", o->run_key, "names the run (e.g. the CI job id): recording it again records nothing");
  rec->add_option("--machine", o->machine, "machine class the gate learns noise per (default: the host name)");
  rec->callback([mode] { *mode = "record"; });
  auto* sh = cmd.add_subcommand("show", "list recent runs");
  sh->add_option("--limit", o->limit, "runs to list")->check(CLI::Range(1, 100000));
  sh->callback([mode] { *mode = "show"; });
  auto* tr = cmd.add_subcommand("trend", "one benchmark's per-run medians and change points");
  tr->add_option("--benchmark", o->benchmark, "run name")->required();
  tr->add_option("--metric", o->metric, "real_time, cpu_time or a counter")->capture_default_str();
  tr->add_option("--seed", o->seed, "change-point permutation seed")->capture_default_str();
  tr->callback([mode] { *mode = "trend"; });
  auto* cp = cmd.add_subcommand("copy", "copy every run into another history (SQLite <-> PostgreSQL); idempotent");
  cp->add_option("--to", o->to, "destination: a SQLite file or a postgresql:// URI")->required();
  cp->callback([mode] { *mode = "copy"; });
  return [o, mode](cli::CommandIO& io) -> cli::CommandResult {
    auto h = records::open_history(o->db);
    if (!h.ok()) return h.error();
    if (*mode == "record") return record(**h, *o, io);
    if (*mode == "show") return show(**h, *o, io);
    if (*mode == "copy") return copy(**h, *o, io);
    return trend(**h, *o, io);
  };
}

GAUNTLET_REGISTER_COMMAND("history", "record, show, trend and copy benchmark history (SQLite or PostgreSQL)",
                          define_history_command);

}  // namespace
}  // namespace gauntlet::ci
