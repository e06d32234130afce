#include "service/service_yaml_reader.h"

#include <fmt/format.h>

#include <csignal>
#include <regex>
#include <set>

#include "service/placeholders.h"
#include "service/service_target.h"

namespace gauntlet::chaos::service::detail {
namespace {

constexpr std::size_t kMaxProcesses = 64;
constexpr std::size_t kMaxProxies = 64;
constexpr std::size_t kMaxEndpoints = 64;
constexpr std::size_t kMaxProbes = 64;

int signal_from(const std::string& name) {
  static const std::map<std::string, int> kSignals{{"TERM", SIGTERM}, {"INT", SIGINT},   {"HUP", SIGHUP},
                                                   {"QUIT", SIGQUIT}, {"KILL", SIGKILL}, {"USR1", SIGUSR1},
                                                   {"USR2", SIGUSR2}};
  const std::string bare = name.starts_with("SIG") ? name.substr(3) : name;
  auto it = kSignals.find(bare);
  return it == kSignals.end() ? 0 : it->second;
}

}  // namespace

Scenario ServiceYamlReader::read(const YAML::Node& root) {
  f_.expect_map(root, "scenario");
  f_.known(root, "",
           {"name", "description", "duration", "interval", "processes", "endpoints", "proxies", "load", "schedule",
            "phases", "steady_state", "hypotheses"});
  Scenario s;
  f_.header(root, s);
  auto decl = std::make_shared<ServiceDecl>();
  decl->scenario = s.name;
  decl->dir = dir_;
  const std::filesystem::path parent =
      options_.logs_parent.empty() ? std::filesystem::temp_directory_path() / "gauntlet-chaos" : options_.logs_parent;
  decl->logs = options_.logs.empty() ? parent / s.name : options_.logs;
  decl->allow_remote = options_.allow_remote;
  if (root["processes"]) decl->processes = processes(root["processes"]);
  if (root["endpoints"]) decl->endpoints = endpoints(root["endpoints"]);
  if (root["proxies"]) decl->proxies = proxies(root["proxies"]);
  decl->load = load(f_.require(root, "load", ""), s.load, s.duration);
  if (root["schedule"]) s.schedule = schedule(root["schedule"], s.duration, *decl);
  s.phases = f_.phases(f_.require(root, "phases", ""));
  if (root["steady_state"]) decl->probes = probes(root["steady_state"]);
  if (root["hypotheses"]) s.hypotheses = f_.hypotheses(root["hypotheses"]);
  check_references(root, *decl);
  s.target_name = "service:" + s.name;
  s.default_mode = TimeMode::kReal;
  s.real_time_only = true;
  s.target = [decl](const RunContext& context) -> Result<std::unique_ptr<Target>> {
    auto started = ServiceTarget::start(decl, context);
    if (!started) return started.error();
    return std::unique_ptr<Target>(std::move(*started));
  };
  return s;
}

std::string ServiceYamlReader::name(const YAML::Node& node, const std::string& field) const {
  static const std::regex kName("[A-Za-z0-9_.-]{1,64}");
  std::string n = f_.str(node, field);
  if (!std::regex_match(n, kName)) f_.fail(node, field, "must be 1-64 of A-Z a-z 0-9 _ . -");
  return n;
}

std::vector<ProcessDecl> ServiceYamlReader::processes(const YAML::Node& node) const {
  if (!node.IsSequence()) f_.fail(node, "processes", "expected a list of processes");
  f_.at_most(node, "processes", kMaxProcesses);
  std::vector<ProcessDecl> out;
  std::set<std::string> names;
  for (std::size_t i = 0; i < node.size(); ++i) {
    const YAML::Node p = node[i];
    const std::string at = fmt::format("processes[{}]", i);
    f_.expect_map(p, at);
    f_.known(p, at, {"name", "command", "env", "cwd", "ready", "stop", "restart"});
    ProcessDecl d;
    d.name = name(f_.require(p, "name", at), at + ".name");
    if (!names.insert(d.name).second)
      f_.fail(p["name"], at + ".name", fmt::format("process '{}' is declared twice", d.name));
    d.command = f_.strings(f_.require(p, "command", at), at + ".command");
    if (d.command.empty() || d.command[0].empty()) f_.fail(p["command"], at + ".command", "must name a program");
    if (p["env"]) {
      f_.expect_map(p["env"], at + ".env");
      for (const auto& kv : p["env"]) d.env[kv.first.as<std::string>()] = f_.str(kv.second, at + ".env");
    }
    if (p["cwd"]) d.cwd = f_.str(p["cwd"], at + ".cwd");
    if (p["ready"]) d.ready = ready(p["ready"], at + ".ready");
    if (const YAML::Node stop = p["stop"]) {
      f_.expect_map(stop, at + ".stop");
      f_.known(stop, at + ".stop", {"signal", "grace"});
      if (stop["signal"]) {
        d.stop_signal = signal_from(f_.str(stop["signal"], at + ".stop.signal"));
        if (d.stop_signal == 0)
          f_.fail(stop["signal"], at + ".stop.signal", "must be TERM, INT, HUP, QUIT, KILL, USR1 or USR2");
      }
      if (stop["grace"]) d.stop_grace = f_.duration(stop["grace"], at + ".stop.grace");
    }
    if (p["restart"]) {
      const std::string policy = f_.str(p["restart"], at + ".restart");
      if (policy != "never" && policy != "always") f_.fail(p["restart"], at + ".restart", "must be never or always");
      d.restart_always = policy == "always";
    }
    out.push_back(std::move(d));
  }
  return out;
}

ReadyDecl ServiceYamlReader::ready(const YAML::Node& node, const std::string& at) const {
  f_.expect_map(node, at);
  f_.known(node, at, {"tcp", "http", "log", "timeout"});
  ReadyDecl r;
  int kinds = 0;
  for (auto [key, kind] : {std::pair{"tcp", ReadyDecl::Kind::kTcp}, std::pair{"http", ReadyDecl::Kind::kHttp},
                           std::pair{"log", ReadyDecl::Kind::kLog}}) {
    if (!node[key]) continue;
    ++kinds;
    r.kind = kind;
    r.what = f_.str(node[key], at + "." + key);
  }
  if (kinds != 1) f_.fail(node, at, "needs exactly one of tcp, http or log");
  if (r.kind == ReadyDecl::Kind::kLog) {
    try {
      std::regex check(r.what);
    } catch (const std::regex_error& e) {
      f_.fail(node["log"], at + ".log", fmt::format("is not a valid regular expression: {}", e.what()));
    }
  }
  if (node["timeout"]) r.timeout = f_.duration(node["timeout"], at + ".timeout");
  return r;
}

std::vector<EndpointDecl> ServiceYamlReader::endpoints(const YAML::Node& node) const {
  if (!node.IsSequence()) f_.fail(node, "endpoints", "expected a list of endpoints");
  f_.at_most(node, "endpoints", kMaxEndpoints);
  std::vector<EndpointDecl> out;
  for (std::size_t i = 0; i < node.size(); ++i) {
    const std::string at = fmt::format("endpoints[{}]", i);
    f_.expect_map(node[i], at);
    f_.known(node[i], at, {"name", "address"});
    out.push_back({name(f_.require(node[i], "name", at), at + ".name"),
                   f_.str(f_.require(node[i], "address", at), at + ".address")});
  }
  return out;
}

std::vector<ProxyDecl> ServiceYamlReader::proxies(const YAML::Node& node) const {
  if (!node.IsSequence()) f_.fail(node, "proxies", "expected a list of proxies");
  f_.at_most(node, "proxies", kMaxProxies);
  std::vector<ProxyDecl> out;
  std::set<std::string> names;
  for (std::size_t i = 0; i < node.size(); ++i) {
    const std::string at = fmt::format("proxies[{}]", i);
    f_.expect_map(node[i], at);
    f_.known(node[i], at, {"name", "listen", "upstream"});
    ProxyDecl d;
    d.name = name(f_.require(node[i], "name", at), at + ".name");
    if (!names.insert(d.name).second)
      f_.fail(node[i]["name"], at + ".name", fmt::format("proxy '{}' is declared twice", d.name));
    if (node[i]["listen"]) d.listen = f_.str(node[i]["listen"], at + ".listen");
    d.upstream = f_.str(f_.require(node[i], "upstream", at), at + ".upstream");
    out.push_back(std::move(d));
  }
  return out;
}

std::vector<ProbeDecl> ServiceYamlReader::probes(const YAML::Node& node) const {
  if (!node.IsSequence()) f_.fail(node, "steady_state", "expected a list of probes");
  f_.at_most(node, "steady_state", kMaxProbes);
  std::vector<ProbeDecl> out;
  for (std::size_t i = 0; i < node.size(); ++i) {
    const YAML::Node p = node[i];
    const std::string at = fmt::format("steady_state[{}]", i);
    f_.expect_map(p, at);
    f_.known(p, at, {"name", "http", "command", "status", "body_contains", "exit_code", "output_contains", "timeout"});
    ProbeDecl d;
    d.name = p["name"] ? f_.str(p["name"], at + ".name") : at;
    if (!p["http"] == !p["command"]) f_.fail(p, at, "needs exactly one of http or command");
    if (p["http"]) {
      d.url = f_.str(p["http"], at + ".http");
      if (p["exit_code"] || p["output_contains"])
        f_.fail(p, at, "exit_code and output_contains belong to command probes");
      if (p["status"]) d.status = static_cast<int>(f_.integer(p["status"], at + ".status", 100, 599));
      if (p["body_contains"]) d.body_contains = f_.str(p["body_contains"], at + ".body_contains");
    } else {
      d.command = f_.strings(p["command"], at + ".command");
      if (d.command.empty() || d.command[0].empty()) f_.fail(p["command"], at + ".command", "must name a program");
      if (p["status"] || p["body_contains"]) f_.fail(p, at, "status and body_contains belong to http probes");
      if (p["exit_code"]) d.exit_code = static_cast<int>(f_.integer(p["exit_code"], at + ".exit_code", 0, 255));
      if (p["output_contains"]) d.output_contains = f_.str(p["output_contains"], at + ".output_contains");
    }
    if (p["timeout"]) d.timeout = f_.duration(p["timeout"], at + ".timeout");
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace gauntlet::chaos::service::detail
