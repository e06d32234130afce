// `gauntlet rules`: Prometheus alerting rules from the gate's budgets and an
// alerts file (docs/rules.md).
#include "gauntlet/ci/gate_config.h"
#include "gauntlet/ci/rules/alerts_config.h"
#include "gauntlet/ci/rules/rule_set.h"
#include "gauntlet/ci/rules/rules_yaml.h"
#include "gauntlet/harness/atomic_file.h"
#include "gauntlet/cli/command_registry.h"

#include <fmt/format.h>

#include <memory>
#include <ostream>

namespace gauntlet::ci::rules {
namespace {

struct RulesOptions {
  std::string budgets, alerts, out;
};

cli::CommandResult run(const RulesOptions& o, cli::CommandIO& io) {
  std::vector<LatencyBudget> budgets;
  if (!o.budgets.empty()) {
    auto config = read_gate_config(o.budgets);
    if (!config.ok()) return config.error();
    budgets = std::move(config->budgets);
  }
  auto alerts = read_alerts_config(o.alerts);
  if (!alerts.ok()) return alerts.error();
  auto rules = build_rules(budgets, o.budgets, *alerts);
  if (!rules.ok()) return rules.error();
  if (Status s = write_file_atomically(o.out, to_rules_yaml(*rules)); !s.ok()) return s.error();
  for (const std::string& w : rules->warnings) io.err << "gauntlet rules: warning: " << w << "\n";
  io.out << fmt::format("wrote {} alerting rule(s) in {} group(s) to {}\n", rules->rule_count(), rules->groups.size(),
                        o.out);
  return cli::Verdict::kPass;
}

// `gauntlet rules`: its options, and the action that runs it.
cli::CommandAction define_rules_command(CLI::App& cmd) {
  auto o = std::make_shared<RulesOptions>();
  cmd.add_option("--budgets", o->budgets, "gate config whose budgets: become latency alerts (docs/gate.md)");
  cmd.add_option("--alerts", o->alerts, "alerts file: latency histogram, floors, breakers (docs/rules.md)")->required();
  cmd.add_option("--out", o->out, "rules file to write (temp file, then renamed)")->required();
  return [o](cli::CommandIO& io) -> cli::CommandResult { return run(*o, io); };
}

GAUNTLET_REGISTER_COMMAND("rules", "write Prometheus alerting rules from the gate's budgets and an alerts file",
                          define_rules_command);

}  // namespace
}  // namespace gauntlet::ci::rules
