#include <filesystem>
#include <memory>

#include <fmt/format.h>

#include "demo_steps.h"
#include "gauntlet/chaos/journal.h"
#include "gauntlet/chaos/runner.h"
#include "gauntlet/chaos/scenarios/builtin.h"
#include "gauntlet/fixtures/http_chain.h"

namespace gauntlet::demo::detail {
namespace {

// Writes the run's journal to <dir>/chaos/<name>.journal.json and adds it.
Status record(Stage& stage, const chaos::Scenario& scenario, const chaos::RunRecord& run) {
  const auto journal = stage.dir / "chaos" / (scenario.name + ".journal.json");
  if (Status s = chaos::write_text_file(journal.string(), chaos::journal_json(scenario, run)); !s) return s;
  stage.passed = stage.passed && run.passed();
  stage.progress << (run.passed() ? std::string("pass") : "FAIL (replay: " + run.replay + ")") << "\n";
  return reports::add_input(stage.report, journal);
}

}  // namespace

Status run_builtin_scenarios(Stage& stage) {
  std::error_code ec;
  std::filesystem::create_directories(stage.dir / "chaos", ec);
  if (ec) return Error(ErrorCode::kIoError, "cannot create " + (stage.dir / "chaos").string() + ": " + ec.message());
  const auto& builtins = chaos::builtin_scenarios();
  int index = 0;
  for (const auto& b : builtins) {
    stage.progress << fmt::format("[{}/{}] chaos {:<20} virtual time ... ", ++index, builtins.size(), b.name)
                   << std::flush;
    auto scenario = chaos::builtin_scenario(b.name);
    if (!scenario.ok()) return scenario.error();
    auto run = chaos::run_scenario(*scenario, chaos::RunOptions{stage.seed, chaos::TimeMode::kVirtual, {}, {b.name}});
    if (!run.ok()) return run.error();
    if (Status s = record(stage, *scenario, *run); !s) return s;
  }
  return {};
}

Status run_process_cascade(Stage& stage, const std::string& node_program) {
  stage.progress << "[1/1] chaos http_chain_cascade   real time, A -> B -> C processes behind fault proxies ... "
                 << std::flush;
  if (node_program.empty() || !std::filesystem::exists(node_program)) {
    stage.progress << "skipped (gauntlet_http_chain_node not built)\n";
    return {};
  }
  fixtures::HttpChainOptions options;
  options.node_program = node_program;
  options.log_dir = stage.dir / "chaos" / "http_chain_logs";
  options.seed = stage.seed;
  auto spec = fixtures::http_chain_spec(options);
  if (!spec.ok()) return spec.error();
  auto target = chaos::process::ProcessTarget::start(std::move(*spec), RealClock::instance());
  if (!target.ok()) return target.error();
  const chaos::Scenario scenario = fixtures::http_chain_cascade(**target);
  auto run = chaos::run_scenario(scenario, chaos::RunOptions{stage.seed, chaos::TimeMode::kReal, {}, {}});
  if (!run.ok()) return run.error();
  return record(stage, scenario, *run);
}

}  // namespace gauntlet::demo::detail
