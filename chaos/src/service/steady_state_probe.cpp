#include "service/steady_state_probe.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "gauntlet/chaos/netload/http_probe.h"
#include "gauntlet/chaos/process/supervised_process.h"
#include "service/http_url.h"

namespace gauntlet::chaos::service::detail {
namespace {

std::string one_line(std::string text, std::size_t max = 160) {
  for (char& c : text) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  if (text.size() > max) text = text.substr(0, max) + "…";
  return text;
}

Verdict http_probe(const ProbeDecl& p, bool allow_remote) {
  Verdict v;
  auto url = parse_http_url(p.url, allow_remote, "steady_state http");
  if (!url) {
    v.evidence = url.error().message();
    return v;
  }
  auto reply = netload::http_get(url->endpoint, url->path, p.timeout);
  if (!reply) {
    v.evidence = fmt::format("GET {}: {}", p.url, reply.error().message());
    return v;
  }
  v.measured = reply->status;
  v.threshold = p.status;
  const bool status_ok = p.status == 0 ? reply->status >= 200 && reply->status < 300 : reply->status == p.status;
  const bool body_ok = p.body_contains.empty() || reply->body.find(p.body_contains) != std::string::npos;
  v.holds = status_ok && body_ok;
  v.evidence = fmt::format("GET {} answered {}{}", p.url, reply->status,
                           body_ok ? "" : fmt::format(" without '{}' in its body", p.body_contains));
  return v;
}

Verdict command_probe(const ProbeDecl& p, std::string_view when, const std::filesystem::path& cwd,
                      const std::filesystem::path& logs, Clock& clock) {
  Verdict v;
  process::ProcessSpec spec;
  spec.name = fmt::format("probe-{}", when);
  spec.program = p.command[0];
  spec.args.assign(p.command.begin() + 1, p.command.end());
  spec.cwd = cwd;
  spec.log_dir = logs;
  auto launched = process::SupervisedProcess::launch(spec, clock);
  if (!launched) {
    v.evidence = launched.error().message();
    return v;
  }
  auto exit = (*launched)->wait_exit(p.timeout);
  const std::string command = fmt::format("{}", fmt::join(p.command, " "));
  if (!exit) {
    v.evidence = fmt::format("'{}' still running after {:.1f} s (killed)", command, to_seconds(p.timeout));
    return v;
  }
  const std::string output = (*launched)->stdout_tail(65536) + (*launched)->stderr_tail(65536);
  v.measured = exit->signal != 0 ? -exit->signal : exit->code;
  v.threshold = p.exit_code;
  const bool code_ok = exit->signal == 0 && exit->code == p.exit_code;
  const bool output_ok = p.output_contains.empty() || output.find(p.output_contains) != std::string::npos;
  v.holds = code_ok && output_ok;
  v.evidence = fmt::format(
      "'{}' {}{}{}", command,
      exit->signal != 0 ? fmt::format("was killed by signal {}", exit->signal) : fmt::format("exited {}", exit->code),
      output_ok ? "" : fmt::format(", output lacks '{}'", p.output_contains),
      v.holds ? "" : fmt::format(": {}", one_line(output)));
  return v;
}

}  // namespace

Verdict run_probe(const ProbeDecl& probe, std::string_view when, const std::filesystem::path& cwd,
                  const std::filesystem::path& logs, bool allow_remote, Clock& clock) {
  Verdict v = probe.url.empty() ? command_probe(probe, when, cwd, logs, clock) : http_probe(probe, allow_remote);
  v.hypothesis = fmt::format("steady state {}: {}", when, probe.name);
  return v;
}

}  // namespace gauntlet::chaos::service::detail
