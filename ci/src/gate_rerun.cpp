#include "gauntlet/ci/gate_rerun.h"

#include "gauntlet/harness/shell_line.h"

namespace gauntlet::ci {

std::string gate_rerun_line(const GateInvocation& g) {
  std::vector<std::string> argv{"gauntlet", "gate"};
  auto option = [&argv](const char* name, const std::string& value) {
    if (!value.empty()) argv.insert(argv.end(), {name, value});
  };
  option("--baseline", g.baseline);
  option("--current", g.current);
  option("--config", g.config);
  option("--metric", g.metric);
  option("--history", g.history);
  option("--machine", g.machine);
  for (const std::string& j : g.journals) option("--journal", j);
  if (g.confirm_with.size() == 2) {
    argv.insert(argv.end(), {"--confirm-with", g.confirm_with[0], g.confirm_with[1]});
    option("--confirm-rounds", std::to_string(g.confirm.run.rounds));
    option("--confirm-max-rounds", std::to_string(g.confirm.max_rounds));
    option("--confirm-min-time", g.confirm.run.min_time);
  }
  if (g.strict_environment) argv.emplace_back("--strict-environment");
  if (g.fail_inconclusive) argv.emplace_back("--fail-inconclusive");
  option("--seed", std::to_string(g.seed));
  return shell_line(argv);
}

}  // namespace gauntlet::ci
